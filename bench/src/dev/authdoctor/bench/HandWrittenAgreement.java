package dev.authdoctor.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Whether {@link HandWrittenPass} does the same job as {@code authdoctor batch} on one export, so that the time
 * ratio in {@code bench/cold-batch.sh} compares like with like: record by record (batch's diagnoses are in input
 * order, its rejects carry their line), the same lines rejected, and the same set of problem ids found. Prints the
 * agreement, the problem-id counts side by side, and the commonest disagreements with one incident id each.
 *
 * <pre>HandWrittenAgreement HAND.jsonl BATCH_OUT_DIR</pre>
 */
public final class HandWrittenAgreement {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HandWrittenAgreement HAND.jsonl BATCH_OUT_DIR");
            System.exit(2);
        }
        JsonMapper mapper = JsonMapper.builder().build();
        List<JsonNode> hand = read(mapper, Path.of(args[0]));
        Map<Long, JsonNode> rejects = new TreeMap<>();
        for (JsonNode r : read(mapper, Path.of(args[1]).resolve("rejects.jsonl"))) {
            rejects.put(r.get("line").asLong(), r);
        }
        List<JsonNode> diagnoses = read(mapper, Path.of(args[1]).resolve("diagnoses.jsonl"));

        Map<String, long[]> counts = new TreeMap<>(); // problem id: {batch, hand}
        Map<String, List<String>> disagreements = new TreeMap<>(); // "batch | hand": incident ids
        long sameRejects = 0;
        long bothDiagnosed = 0;
        long sameProblems = 0;
        int next = 0;
        for (JsonNode h : hand) {
            long line = h.get("line").asLong();
            JsonNode b = rejects.containsKey(line) ? null : diagnoses.get(next++);
            boolean handRejected = h.has("errors");
            if (handRejected == (b == null)) {
                sameRejects++;
            }
            if (b == null || handRejected) {
                if (handRejected != (b == null)) {
                    disagreements.computeIfAbsent((b == null ? "rejected" : "diagnosed") + " | " + (handRejected ? "rejected" : "diagnosed"),
                            k -> new ArrayList<>()).add(h.path("incidentId").asString("line " + line));
                }
                continue;
            }
            if (!b.get("incidentId").asString().equals(h.get("incidentId").asString())) {
                throw new IllegalStateException("line " + line + ": batch answered " + b.get("incidentId") + ", hand " + h.get("incidentId"));
            }
            bothDiagnosed++;
            TreeSet<String> byBatch = new TreeSet<>();
            b.get("problems").forEach(p -> byBatch.add(p.get("id").asString()));
            TreeSet<String> byHand = new TreeSet<>();
            h.get("problems").forEach(p -> byHand.add(p.asString()));
            byBatch.forEach(p -> counts.computeIfAbsent(p, k -> new long[2])[0]++);
            byHand.forEach(p -> counts.computeIfAbsent(p, k -> new long[2])[1]++);
            if (byBatch.equals(byHand)) {
                sameProblems++;
            } else {
                disagreements.computeIfAbsent(byBatch + " | " + byHand, k -> new ArrayList<>()).add(h.get("incidentId").asString());
            }
        }
        if (next != diagnoses.size()) {
            throw new IllegalStateException("batch diagnosed " + diagnoses.size() + " records, hand-written output accounts for " + next);
        }
        System.out.printf("  agreement with batch: %d of %d lines rejected (or accepted) alike; %d of %d diagnosed records with the same problem ids (%.2f %%)%n",
                sameRejects, hand.size(), sameProblems, bothDiagnosed, 100.0 * sameProblems / Math.max(1, bothDiagnosed));
        System.out.println("  problem id: records found by batch / by the hand-written pass");
        counts.forEach((id, c) -> System.out.printf("    %-42s %7d %7d%n", id, c[0], c[1]));
        disagreements.entrySet().stream().sorted((x, y) -> y.getValue().size() - x.getValue().size()).limit(8)
                .forEach(e -> System.out.printf("  differ (batch | hand): %s: %d, e.g. %s%n", e.getKey(), e.getValue().size(), e.getValue().get(0)));
    }

    private static List<JsonNode> read(JsonMapper mapper, Path file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }
}
