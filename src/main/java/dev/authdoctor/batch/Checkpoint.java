package dev.authdoctor.batch;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state file of a run in its output folder: what the run is (its fingerprint), how much of each
 * input it has read (bytes and their hash), how long each output file was, and the counts so far. It is
 * written when the run starts, before any output, and then at each checkpoint after the outputs are
 * forced to the disk; it is replaced atomically, so a stop at any instant leaves the previous state or
 * the new one, and never one that points past what is on the disk.
 */
final class Checkpoint {

    static final int FORMAT = 2;

    /**
     * A saved state. {@code lengths} are the output files' lengths in bytes; {@code inputs} what was read
     * of each input so far, in input order (inputs not yet opened are absent); the records written are in the summary.
     */
    record State(ObjectNode fingerprint, boolean complete, Map<String, Long> lengths, List<InputRead> inputs,
                 BatchSummary summary) {
    }

    /** The state is unreadable or does not hold together: the run cannot be continued. */
    static final class DamagedException extends Exception {
        DamagedException(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;
    private final Batch.Probe probe;

    Checkpoint(Path file, Batch.Probe probe) {
        this.file = file;
        this.probe = probe;
    }

    Path file() {
        return file;
    }

    void save(State state) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("complete", state.complete());
        o.set("fingerprint", state.fingerprint());
        ObjectNode lengths = o.putObject("lengths");
        state.lengths().forEach(lengths::put);
        ArrayNode inputs = o.putArray("inputs");
        for (InputRead r : state.inputs()) {
            inputs.addObject().put("bytes", r.bytes()).put("sha256", r.sha256()).put("whole", r.whole());
        }
        o.set("summary", state.summary().toState());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(o.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                c.write(bytes);
            }
            c.force(true);
        }
        probe.at(Batch.Probe.STATE_TEMP_WRITTEN, state.summary().read);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder();
        probe.at(Batch.Probe.STATE_SAVED, state.summary().read);
    }

    /** Makes the rename itself durable; a file system that cannot open a folder (Windows) needs no such step. */
    private void syncFolder() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here: the rename is as durable as the platform makes it
        }
    }

    boolean exists() {
        return Files.exists(file);
    }

    /**
     * The saved state, or null when there is none.
     *
     * @throws DamagedException when the file cannot be read as a state; the message says what is wrong, not where Jackson stopped
     */
    State load() throws IOException, DamagedException {
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode o;
        try {
            o = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DamagedException("it is not text");
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw new DamagedException("it is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (o == null || !o.isObject()) {
            throw new DamagedException("it is not a JSON object");
        }
        if (o.path("format").asInt(-1) != FORMAT) {
            throw new DamagedException("its format is " + o.path("format") + ", not " + FORMAT
                    + " (it may come from another version of authdoctor)");
        }
        if (!o.path("complete").isBoolean()) {
            throw new DamagedException("\"complete\" is not true or false");
        }
        if (!o.path("fingerprint").isObject()) {
            throw new DamagedException("\"fingerprint\" is missing");
        }
        Map<String, Long> lengths = new LinkedHashMap<>();
        JsonNode l = o.path("lengths");
        for (String name : List.of(Batch.DIAGNOSES, Batch.REJECTS, Batch.DIAGNOSES_CSV)) {
            JsonNode n = l.get(name);
            if (n == null && Batch.DIAGNOSES_CSV.equals(name)) {
                continue;
            }
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
                throw new DamagedException("lengths." + name + " is not a whole number of 0 or more");
            }
            lengths.put(name, n.asLong());
        }
        List<InputRead> inputs = new ArrayList<>();
        JsonNode in = o.path("inputs");
        if (!in.isArray()) {
            throw new DamagedException("\"inputs\" is not a list");
        }
        for (int i = 0; i < in.size(); i++) {
            JsonNode r = in.get(i);
            JsonNode bytes = r.path("bytes");
            String sha = r.path("sha256").asString("");
            if (!bytes.isIntegralNumber() || !bytes.canConvertToLong() || bytes.asLong() < 0 || !sha.matches("[0-9a-f]{64}")
                    || !r.path("whole").isBoolean()) {
                throw new DamagedException("inputs[" + i + "] is not a byte count, a SHA-256 and whether it was read whole");
            }
            inputs.add(new InputRead(bytes.asLong(), sha, r.path("whole").asBoolean()));
        }
        BatchSummary summary;
        try {
            summary = BatchSummary.fromState(o.path("summary"));
        } catch (IllegalArgumentException e) {
            throw new DamagedException(e.getMessage());
        }
        return new State((ObjectNode) o.get("fingerprint"), o.get("complete").asBoolean(), lengths, inputs, summary);
    }

    void markComplete(State s) throws IOException {
        save(new State(s.fingerprint(), true, s.lengths(), s.inputs(), s.summary()));
    }

    /** What differs between the run that was saved and the one asked for now; null when they are the same run. */
    static String difference(JsonNode saved, JsonNode now) {
        for (String key : new String[]{"inputs", "map", "supportContact", "rulePacks"}) {
            // compared as text: a number read back from the file is not the same node type as one just made
            if (!saved.path(key).toString().equals(now.path(key).toString())) {
                return switch (key) {
                    case "inputs" -> "the inputs are not the same files (was " + saved.path(key) + ")";
                    case "map" -> "the --map is not the same";
                    case "supportContact" -> "the support contact is not the same";
                    default -> "the rule packs are not the same";
                };
            }
        }
        return null;
    }
}
