package dev.authdoctor.batch;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.privacy.Masker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a batch run, kept by the single thread that writes results, in input order. It is saved
 * with every checkpoint and restored on resume, so a resumed run ends with the counts of an unbroken one.
 */
public final class BatchSummary {

    /** Distinct unrecognised messages kept; past this, new ones are counted only as "others". */
    static final int MAX_DISTINCT_MESSAGES = 10_000;
    static final int TOP_MESSAGES = 20;
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[\\s\\u00A0]+");
    private static final java.util.regex.Pattern QUOTES = java.util.regex.Pattern.compile("[\"'\u201C\u201D\u2018\u2019]");

    long read;
    long diagnosed;
    long noMatch;
    long rejected;
    long escalationsDueNow;
    long escalationsLater;
    final Map<String, Long> problems = new TreeMap<>();
    final Map<String, Long> causes = new TreeMap<>();
    final Map<String, Long> escalationConditions = new TreeMap<>();
    final Map<String, Long> unrecognised = new LinkedHashMap<>();
    long unrecognisedOthers;
    final Map<String, Long> recordsPerInput = new LinkedHashMap<>();
    long durationMillis;

    public long read() {
        return read;
    }

    public long diagnosed() {
        return diagnosed;
    }

    public long noMatch() {
        return noMatch;
    }

    public long rejected() {
        return rejected;
    }

    public long escalationsDueNow() {
        return escalationsDueNow;
    }

    public Map<String, Long> problems() {
        return problems;
    }

    /** Whether every record read is accounted for: read = diagnosed + no match + rejected. */
    public boolean reconciles() {
        return read == diagnosed + noMatch + rejected;
    }

    void count(String input, Diagnosis d, String unrecognisedMessage) {
        read++;
        recordsPerInput.merge(input, 1L, Long::sum);
        switch (d.outcome()) {
            case DIAGNOSED -> diagnosed++;
            case NO_MATCH -> noMatch++;
            case REJECTED -> rejected++;
        }
        for (Diagnosis.Problem p : d.problems()) {
            problems.merge(p.id(), 1L, Long::sum);
            p.causes().forEach(c -> causes.merge(c, 1L, Long::sum));
        }
        if (d.escalation() != null) {
            escalationConditions.merge(d.escalation().condition().name(), 1L, Long::sum);
            if (d.escalation().now()) {
                escalationsDueNow++;
            } else {
                escalationsLater++;
            }
        }
        if (unrecognisedMessage != null) {
            // Masked before anything is kept: the summary, its checkpoint and the report never hold the raw text.
            String key = normalise(Masker.typed(unrecognisedMessage));
            if (unrecognised.containsKey(key) || unrecognised.size() < MAX_DISTINCT_MESSAGES) {
                unrecognised.merge(key, 1L, Long::sum);
            } else {
                unrecognisedOthers++;
            }
        }
    }

    /** Groups copies of one message: case, spacing and quotes aside, cut at 200 characters. */
    static String normalise(String message) {
        String s = QUOTES.matcher(SPACES.matcher(message).replaceAll(" ")).replaceAll("").strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        s = s.toLowerCase(Locale.ROOT);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** The most frequent unrecognised messages, most frequent first. */
    public List<Map.Entry<String, Long>> topUnrecognised() {
        List<Map.Entry<String, Long>> all = new ArrayList<>(unrecognised.entrySet());
        all.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(TOP_MESSAGES, all.size()));
    }

    /** The summary as written to {@code summary.json}. */
    ObjectNode toJson(List<String> rulePacks, int threads, boolean complete) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("complete", complete);
        o.put("reconciled", reconciles());
        ObjectNode records = o.putObject("records");
        records.put("read", read);
        records.put("diagnosed", diagnosed);
        records.put("noMatch", noMatch);
        records.put("rejected", rejected);
        putCounts(o.putObject("problems"), problems);
        putCounts(o.putObject("causes"), causes);
        ObjectNode esc = o.putObject("escalations");
        esc.put("dueNow", escalationsDueNow);
        esc.put("notYetDue", escalationsLater);
        esc.put("none", diagnosed + noMatch - escalationsDueNow - escalationsLater);
        putCounts(esc.putObject("byCondition"), escalationConditions);
        var top = o.putArray("topUnrecognisedMessages");
        for (Map.Entry<String, Long> e : topUnrecognised()) {
            top.addObject().put("message", e.getKey()).put("count", e.getValue());
        }
        putCounts(o.putObject("recordsPerInput"), recordsPerInput);
        var packs = o.putArray("rulePacks");
        rulePacks.forEach(packs::add);
        o.put("threads", threads);
        o.put("durationSeconds", durationMillis / 1000.0);
        return o;
    }

    /** Everything needed to continue counting after a resume, including all unrecognised messages. */
    ObjectNode toState() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("read", read).put("diagnosed", diagnosed).put("noMatch", noMatch).put("rejected", rejected)
                .put("escalationsDueNow", escalationsDueNow).put("escalationsLater", escalationsLater)
                .put("unrecognisedOthers", unrecognisedOthers).put("durationMillis", durationMillis);
        putCounts(o.putObject("problems"), problems);
        putCounts(o.putObject("causes"), causes);
        putCounts(o.putObject("escalationConditions"), escalationConditions);
        putCounts(o.putObject("unrecognised"), unrecognised);
        putCounts(o.putObject("recordsPerInput"), recordsPerInput);
        return o;
    }

    static BatchSummary fromState(JsonNode o) {
        BatchSummary s = new BatchSummary();
        s.read = o.path("read").asLong();
        s.diagnosed = o.path("diagnosed").asLong();
        s.noMatch = o.path("noMatch").asLong();
        s.rejected = o.path("rejected").asLong();
        s.escalationsDueNow = o.path("escalationsDueNow").asLong();
        s.escalationsLater = o.path("escalationsLater").asLong();
        s.unrecognisedOthers = o.path("unrecognisedOthers").asLong();
        s.durationMillis = o.path("durationMillis").asLong();
        readCounts(o.path("problems"), s.problems);
        readCounts(o.path("causes"), s.causes);
        readCounts(o.path("escalationConditions"), s.escalationConditions);
        readCounts(o.path("unrecognised"), s.unrecognised);
        readCounts(o.path("recordsPerInput"), s.recordsPerInput);
        return s;
    }

    private static void putCounts(ObjectNode target, Map<String, Long> counts) {
        counts.forEach(target::put);
    }

    private static void readCounts(JsonNode source, Map<String, Long> into) {
        source.properties().forEach(e -> into.put(e.getKey(), e.getValue().asLong()));
    }
}
