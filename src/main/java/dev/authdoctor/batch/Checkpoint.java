package dev.authdoctor.batch;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state file of a run in its output folder: what the run is (its fingerprint), how many records are
 * written and how long each output file was at that moment, and the counts so far. It is replaced
 * atomically, so a run killed at any instant leaves either the previous state or the new one.
 */
final class Checkpoint {

    /** A saved state. {@code lengths} are the output files' lengths in bytes; the records written are in the summary. */
    record State(ObjectNode fingerprint, boolean complete, Map<String, Long> lengths, BatchSummary summary) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;

    Checkpoint(Path file) {
        this.file = file;
    }

    void save(State state) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", 1);
        o.put("complete", state.complete());
        o.set("fingerprint", state.fingerprint());
        ObjectNode lengths = o.putObject("lengths");
        state.lengths().forEach(lengths::put);
        o.set("summary", state.summary().toState());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, o.toString());
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The saved state, or null when there is none. */
    State load() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode o;
        try {
            o = JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new Batch.BatchException("the batch state " + file + " is damaged: " + e.getOriginalMessage(), false);
        }
        Map<String, Long> lengths = new LinkedHashMap<>();
        o.path("lengths").properties().forEach(e -> lengths.put(e.getKey(), e.getValue().asLong()));
        return new State((ObjectNode) o.get("fingerprint"), o.path("complete").asBoolean(), lengths,
                BatchSummary.fromState(o.path("summary")));
    }

    void markComplete() throws IOException {
        State s = load();
        if (s != null && !s.complete()) {
            save(new State(s.fingerprint(), true, s.lengths(), s.summary()));
        }
    }

    /** What differs between the run that was saved and the one asked for now; null when they are the same run. */
    static String difference(JsonNode saved, JsonNode now) {
        if (saved == null) {
            return "its state has no fingerprint";
        }
        for (String key : new String[]{"inputs", "map", "supportContact", "rulePacks"}) {
            // compared as text: a number read back from the file is not the same node type as one just made
            if (!saved.path(key).toString().equals(now.path(key).toString())) {
                return switch (key) {
                    case "inputs" -> "the inputs are not the same files, or they changed since (was " + saved.path(key) + ")";
                    case "map" -> "the --map is not the same";
                    case "supportContact" -> "the support contact is not the same";
                    default -> "the rule packs are not the same";
                };
            }
        }
        return null;
    }
}
