package dev.authdoctor.testing;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Measures a pack's recognition on its labelled tickets ({@code tickets/*.yaml}; format: each file a list of
 * {@code id}, {@code expect} (a problem id or {@code none}), optional {@code cause}, {@code kind},
 * {@code language}, and {@code given}, the incident as the help desk got it). The file name is the split
 * ({@code examples}, {@code test}). A ticket is right when the diagnosis's first problem is {@code expect}
 * (and {@code cause}, when given, is among its causes), or, for {@code none}, when the outcome is NO_MATCH.
 * Precision and recall are per problem, NO_MATCH being a class of its own.
 */
public final class TicketRunner {

    /** The pack's folder of labelled tickets. */
    public static final String FOLDER = "tickets";
    /** The label of a ticket that should match no problem. */
    public static final String NONE = "none";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** One labelled ticket. */
    public record Ticket(String split, String id, String expect, String cause, String kind, String language, JsonNode given) {
    }

    /** What the diagnosis said for a ticket: the first problem id (or {@code none}) and its causes. */
    public record Outcome(Ticket ticket, String got, List<String> causes, boolean right) {
    }

    /** Precision and recall of one class (a problem id, or {@code none}). */
    public record Score(String label, int expected, int predicted, int correct) {
        /**
         * Of the tickets given this label, the share that should have it; 1 when none was.
         *
         * @return precision, from 0 to 1
         */
        public double precision() {
            return predicted == 0 ? 1.0 : (double) correct / predicted;
        }

        /**
         * Of the tickets that should have this label, the share given it; 1 when none should.
         *
         * @return recall, from 0 to 1
         */
        public double recall() {
            return expected == 0 ? 1.0 : (double) correct / expected;
        }
    }

    /** The figures of one split: overall accuracy, micro precision over the problems, per-class scores and the misses. */
    public record SplitReport(String split, int tickets, int right, double precision, double recall,
                              List<Score> perProblem, List<Outcome> missed) {
    }

    /**
     * Every ticket of every {@code *.yaml} in {@code pack/tickets}, by file name; empty when there is none.
     *
     * @param pack the pack's folder
     * @return the tickets, file by file
     * @throws IOException when a ticket file cannot be read or parsed
     */
    public static List<Ticket> read(Path pack) throws IOException {
        Path dir = pack.resolve(FOLDER);
        List<Ticket> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String split = name.substring(0, name.lastIndexOf('.'));
            JsonNode root;
            try {
                root = YAML.readTree(Files.readString(f, StandardCharsets.UTF_8));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(FOLDER + "/" + name + ": not valid YAML: " + e.getOriginalMessage()
                        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
            }
            if (root == null || !root.isArray()) {
                throw new IllegalArgumentException(FOLDER + "/" + name + ": expected a list of tickets");
            }
            int i = 0;
            for (JsonNode t : root) {
                i++;
                String id = t.path("id").asString(null);
                String expect = t.path("expect").asString(null);
                if (id == null || expect == null || !t.path("given").isObject()) {
                    throw new IllegalArgumentException(FOLDER + "/" + name + ": ticket " + i + (id == null ? "" : " (" + id + ")")
                            + ": id, expect and given are required");
                }
                out.add(new Ticket(split, id, expect, t.path("cause").asString(null), t.path("kind").asString(null),
                        t.path("language").asString(null), t.path("given")));
            }
        }
        return out;
    }

    /**
     * Diagnoses every ticket and scores the outcomes, one report per split, in split name order.
     *
     * @param doctor the troubleshooter with the pack loaded
     * @param tickets the labelled tickets
     * @return one report per split
     */
    public static List<SplitReport> run(Troubleshooter doctor, List<Ticket> tickets) {
        IncidentReader reader = new IncidentReader();
        Map<String, List<Outcome>> bySplit = new TreeMap<>();
        for (Ticket t : tickets) {
            ObjectNode incident = ((ObjectNode) t.given().deepCopy());
            if (!incident.has("id")) {
                incident.put("id", t.id());
            }
            ReadResult read = reader.read(incident.toString());
            String got;
            List<String> causes = List.of();
            if (read instanceof ReadResult.Accepted a) {
                Diagnosis d = doctor.diagnose(a.incident());
                got = d.problems().isEmpty() ? NONE : d.problems().get(0).id();
                causes = d.problems().isEmpty() ? List.of() : d.problems().get(0).causes();
            } else {
                got = "REJECTED: " + String.join("; ", ((ReadResult.Rejected) read).errors());
            }
            boolean right = got.equals(t.expect()) && (t.cause() == null || NONE.equals(t.expect()) || causes.contains(t.cause()));
            bySplit.computeIfAbsent(t.split(), k -> new ArrayList<>()).add(new Outcome(t, got, causes, right));
        }
        List<SplitReport> reports = new ArrayList<>();
        bySplit.forEach((split, outcomes) -> reports.add(score(split, outcomes)));
        return reports;
    }

    static SplitReport score(String split, List<Outcome> outcomes) {
        Map<String, int[]> counts = new TreeMap<>(); // expected, predicted, correct
        int right = 0;
        int predictedProblems = 0;
        int correctProblems = 0;
        int expectedProblems = 0;
        List<Outcome> missed = new ArrayList<>();
        for (Outcome o : outcomes) {
            String expect = o.ticket().expect();
            counts.computeIfAbsent(expect, k -> new int[3])[0]++;
            counts.computeIfAbsent(o.got(), k -> new int[3])[1]++;
            if (o.right()) {
                right++;
                counts.get(expect)[2]++;
            } else {
                missed.add(o);
            }
            if (!NONE.equals(o.got())) {
                predictedProblems++;
                if (o.right()) {
                    correctProblems++;
                }
            }
            if (!NONE.equals(expect)) {
                expectedProblems++;
            }
        }
        List<Score> scores = new ArrayList<>();
        counts.forEach((label, c) -> scores.add(new Score(label, c[0], c[1], c[2])));
        // Micro figures over the problems: precision counts every problem named, recall every problem expected;
        // an off-topic ticket that gets a problem lowers precision.
        double precision = predictedProblems == 0 ? 1.0 : (double) correctProblems / predictedProblems;
        int recalled = (int) outcomes.stream().filter(o -> o.right() && !NONE.equals(o.ticket().expect())).count();
        double recall = expectedProblems == 0 ? 1.0 : (double) recalled / expectedProblems;
        return new SplitReport(split, outcomes.size(), right, precision, recall, scores, missed);
    }
}
