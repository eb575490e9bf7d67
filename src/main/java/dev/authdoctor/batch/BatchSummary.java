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
    /**
     * The group of each unrecognised message met so far, as typed: masking and normalising are regular expressions,
     * and an export repeats its messages. In memory only; the summary, its checkpoint and the report hold the groups.
     */
    final Map<String, String> groupedAs = new java.util.HashMap<>();
    /** Messages longer than this are grouped afresh each time: 10,000 of the reader's longest would hold gigabytes. */
    static final int GROUPED_TEXT = 500;
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
            String key = groupedAs.get(unrecognisedMessage);
            if (key == null) {
                key = normalise(Masker.typed(unrecognisedMessage));
                if (unrecognisedMessage.length() <= GROUPED_TEXT) { // a long one, rarely repeated, is not kept
                    if (groupedAs.size() >= MAX_DISTINCT_MESSAGES) {
                        groupedAs.clear(); // bounded: a run of ever-new messages must not grow the heap
                    }
                    groupedAs.put(unrecognisedMessage, key);
                }
            }
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

    /**
     * The summary a state file holds.
     *
     * @throws IllegalArgumentException when a count is missing, not a whole number, or negative; the message names it
     */
    static BatchSummary fromState(JsonNode o) {
        if (!o.isObject()) {
            throw new IllegalArgumentException("summary is not an object");
        }
        BatchSummary s = new BatchSummary();
        s.read = count(o, "read");
        s.diagnosed = count(o, "diagnosed");
        s.noMatch = count(o, "noMatch");
        s.rejected = count(o, "rejected");
        s.escalationsDueNow = count(o, "escalationsDueNow");
        s.escalationsLater = count(o, "escalationsLater");
        s.unrecognisedOthers = count(o, "unrecognisedOthers");
        s.durationMillis = count(o, "durationMillis");
        readCounts(o, "problems", s.problems);
        readCounts(o, "causes", s.causes);
        readCounts(o, "escalationConditions", s.escalationConditions);
        readCounts(o, "unrecognised", s.unrecognised);
        readCounts(o, "recordsPerInput", s.recordsPerInput);
        return s;
    }

    /** The lines each output must hold for these counts: one per diagnosis (the CSV also its header), one per reject. */
    Map<String, Long> expectedLines(boolean csv) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(Batch.DIAGNOSES, diagnosed + noMatch);
        m.put(Batch.REJECTS, rejected);
        if (csv) {
            m.put(Batch.DIAGNOSES_CSV, diagnosed + noMatch + 1);
        }
        return m;
    }

    /**
     * Null when the counts add up (read = diagnosed + no match + rejected, and per input) and each output
     * holds exactly the lines they count; otherwise what does not add up.
     *
     * @param linesWritten the lines each output file really holds
     */
    String reconcile(Map<String, Long> linesWritten) {
        if (!reconciles()) {
            return read + " read, but diagnosed " + diagnosed + " + no match " + noMatch + " + rejected " + rejected
                    + " = " + (diagnosed + noMatch + rejected);
        }
        long perInput = recordsPerInput.values().stream().mapToLong(Long::longValue).sum();
        if (perInput != read) {
            return read + " read, but the inputs' counts add up to " + perInput;
        }
        if (escalationsDueNow + escalationsLater > diagnosed + noMatch) {
            return (escalationsDueNow + escalationsLater) + " escalations for " + (diagnosed + noMatch) + " diagnoses";
        }
        for (Map.Entry<String, Long> e : expectedLines(linesWritten.containsKey(Batch.DIAGNOSES_CSV)).entrySet()) {
            long written = linesWritten.getOrDefault(e.getKey(), 0L);
            if (written != e.getValue()) {
                return e.getKey() + " holds " + written + " lines, but the counts call for " + e.getValue();
            }
        }
        return null;
    }

    private static long count(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new IllegalArgumentException("summary." + field + " is not a whole number of 0 or more");
        }
        return n.asLong();
    }

    private static void putCounts(ObjectNode target, Map<String, Long> counts) {
        counts.forEach(target::put);
    }

    private static void readCounts(JsonNode o, String field, Map<String, Long> into) {
        JsonNode source = o.get(field);
        if (source == null || !source.isObject()) {
            throw new IllegalArgumentException("summary." + field + " is not an object");
        }
        source.properties().forEach(e -> {
            JsonNode n = e.getValue();
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
                throw new IllegalArgumentException("summary." + field + "." + e.getKey() + " is not a whole number of 0 or more");
            }
            into.put(e.getKey(), n.asLong());
        });
    }
}
