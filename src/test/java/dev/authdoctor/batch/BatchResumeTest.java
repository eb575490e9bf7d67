package dev.authdoctor.batch;

import dev.authdoctor.Doctor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run stopped at any instant, then resumed, ends with the same files as a run that was never stopped:
 * no record twice, none missing. A kill is simulated by copying the output folder at an instant the run
 * passes through: what is on the disk then is what a kill -9 leaves (the output buffers are lost either way).
 * A crash is simulated by throwing there.
 */
class BatchResumeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long EVERY = 15;
    static final int JSONL_RECORDS = 300;
    static final int CSV_RECORDS = 160;

    /** Two inputs, JSON Lines with malformed lines and CSV, so a resume crosses from one to the other. */
    static List<String> inputs(Path dir) throws IOException {
        Path jsonl = dir.resolve("a.jsonl");
        Files.write(jsonl, new ExportGenerator(3).jsonLines(JSONL_RECORDS, 0.05));
        ExportGenerator g = new ExportGenerator(5);
        StringBuilder csv = new StringBuilder(ExportGenerator.csvHeader()).append('\n');
        for (int i = 0; i < CSV_RECORDS; i++) {
            csv.append(ExportGenerator.toCsvRow(g.record(i))).append('\n');
        }
        Path csvFile = dir.resolve("b.csv");
        Files.writeString(csvFile, csv);
        return List.of(jsonl.toString(), csvFile.toString());
    }

    static BatchOptions options(List<String> inputs, Path out, boolean resume) {
        return new BatchOptions(inputs, out, null, null, 2, resume, -1, "support@entrust.com").withCheckpointEvery(EVERY);
    }

    static Batch.Result run(BatchOptions options) throws IOException {
        return new Batch(options, Doctor.DOCTOR).run(new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void aRunKilledAtAnyInstantResumesToTheFilesOfAnUnbrokenRun(@TempDir Path dir) throws Exception {
        List<String> inputs = inputs(dir);
        Path clean = dir.resolve("clean");
        run(options(inputs, clean, false));

        Path live = dir.resolve("live");
        List<Path> snapshots = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Batch.Probe copyFolder = (instant, records) -> {
            int n = seen.merge(instant, 1, Integer::sum);
            boolean take = Batch.Probe.RECORD_WRITTEN.equals(instant) ? records % 150 == 13 : n % 8 == 1;
            if (take) {
                Path snap = dir.resolve("snap-" + snapshots.size() + "-" + instant + "-" + records);
                copy(live, snap);
                snapshots.add(snap);
            }
        };
        new Batch(options(inputs, live, false), Doctor.DOCTOR).probe(copyFolder).run(new ByteArrayInputStream(new byte[0]));
        assertThat(seen.keySet()).containsExactlyInAnyOrder(Batch.Probe.STARTED, Batch.Probe.OUTPUTS_OPENED,
                Batch.Probe.RECORD_WRITTEN, Batch.Probe.OUTPUTS_SYNCED, Batch.Probe.STATE_TEMP_WRITTEN, Batch.Probe.STATE_SAVED);
        assertThat(seen.get(Batch.Probe.STATE_SAVED)).as("checkpoints taken").isGreaterThan(5);
        assertThat(snapshots).hasSizeGreaterThan(12);

        for (Path snap : snapshots) {
            if (!Files.exists(snap.resolve(Batch.STATE))) {
                // stopped while the first state was being written: no output exists yet, and a plain run starts afresh
                assertThat(snap).as(snap.toString()).isDirectoryNotContaining(p -> !p.getFileName().toString().endsWith(".tmp"));
                assertThatThrownBy(() -> run(options(inputs, snap, true))).hasMessageContaining("start a run without --resume");
                run(options(inputs, snap, false));
                assertSameResults(clean, snap);
                continue;
            }
            Batch.Result resumed = run(options(inputs, snap, true));
            assertThat(resumed.summary().read()).as(snap.toString()).isEqualTo(JSONL_RECORDS + CSV_RECORDS);
            assertSameResults(clean, snap);
        }
    }

    @Test
    void aCrashAtAnyInstantLeavesAFolderThatResumes(@TempDir Path dir) throws Exception {
        List<String> inputs = inputs(dir);
        Path clean = dir.resolve("clean");
        run(options(inputs, clean, false));
        record Crash(String instant, int nth, Throwable error) {
        }
        List<Crash> crashes = List.of(
                new Crash(Batch.Probe.STARTED, 1, new OutOfMemoryError("simulated")),
                new Crash(Batch.Probe.RECORD_WRITTEN, 30, new OutOfMemoryError("simulated")),
                new Crash(Batch.Probe.RECORD_WRITTEN, 400, new IllegalStateException("simulated")),
                new Crash(Batch.Probe.OUTPUTS_SYNCED, 3, new IOException("simulated: disk full")),
                new Crash(Batch.Probe.STATE_TEMP_WRITTEN, 4, new OutOfMemoryError("simulated")));
        for (Crash c : crashes) {
            Path out = dir.resolve("crash-" + c.instant() + "-" + c.nth());
            int[] count = {0};
            Batch.Probe crash = (instant, records) -> {
                if (instant.equals(c.instant()) && ++count[0] == c.nth()) {
                    if (c.error() instanceof IOException io) {
                        throw io;
                    }
                    if (c.error() instanceof Error e) {
                        throw e;
                    }
                    throw (RuntimeException) c.error();
                }
            };
            assertThatThrownBy(() -> new Batch(options(inputs, out, false), Doctor.DOCTOR).probe(crash)
                    .run(new ByteArrayInputStream(new byte[0]))).as(out.toString()).hasMessageContaining("simulated");
            assertThatThrownBy(() -> run(options(inputs, out, false))).as("a plain rerun points to --resume")
                    .hasMessageContaining("--resume").hasMessageContaining("--restart");
            run(options(inputs, out, true));
            assertSameResults(clean, out);
        }
    }

    @Test
    void aBadCsvHeaderStopsTheRunWhichResumesOnceTheFileIsFixed(@TempDir Path dir) throws Exception {
        List<String> inputs = inputs(dir);
        Path clean = dir.resolve("clean");
        run(options(inputs, clean, false));
        Path csv = Path.of(inputs.get(1));
        String good = Files.readString(csv);
        Files.writeString(csv, good.replaceFirst("user\\.state", "user.sate"));

        Path out = dir.resolve("out");
        assertThatThrownBy(() -> run(options(inputs, out, false)))
                .hasMessageContaining("\"user.sate\" is not a field")
                .hasMessageContaining("continue it with --resume");
        assertThat(out.resolve(Batch.STATE)).exists();
        Files.writeString(csv, good);
        run(options(inputs, out, true));
        assertSameResults(clean, out);
    }

    @Test
    void maxRejectsStopsAtTheRejectThatPassesItAndTheRunResumesFromThere(@TempDir Path dir) throws Exception {
        List<String> inputs = inputs(dir);
        Path clean = dir.resolve("clean");
        run(options(inputs, clean, false));
        List<JsonNode> allRejects = BatchTest.lines(clean.resolve(Batch.REJECTS));
        assertThat(allRejects.size()).isGreaterThan(10);

        Path out = dir.resolve("out");
        Batch.Result stopped = run(options(inputs, out, false).withMaxRejects(3));
        assertThat(stopped.status()).isEqualTo(Batch.Status.TOO_MANY_REJECTS);
        assertThat(stopped.complete()).isFalse();
        List<JsonNode> rejects = BatchTest.lines(out.resolve(Batch.REJECTS));
        assertThat(rejects).hasSize(4);
        long fourthRejectLine = rejects.get(3).get("line").asLong();
        // every record before the fourth reject is written, none after it
        List<JsonNode> diagnoses = BatchTest.lines(out.resolve(Batch.DIAGNOSES));
        List<JsonNode> cleanDiagnoses = BatchTest.lines(clean.resolve(Batch.DIAGNOSES));
        assertThat(diagnoses.size() + rejects.size()).isEqualTo(fourthRejectLine);
        assertThat(diagnoses).isEqualTo(cleanDiagnoses.subList(0, diagnoses.size()));
        JsonNode summary = JSON.readTree(Files.readString(out.resolve(Batch.SUMMARY)));
        assertThat(summary.get("complete").asBoolean()).isFalse();
        assertThat(summary.get("records").get("read").asLong()).isEqualTo(fourthRejectLine);
        assertThat(summary.get("records").get("rejected").asLong()).isEqualTo(4);

        Batch.Result again = run(options(inputs, out, true).withMaxRejects(1)); // still over: stops at the next reject
        assertThat(again.complete()).isFalse();
        assertThat(BatchTest.lines(out.resolve(Batch.REJECTS))).hasSize(5);
        Batch.Result rest = run(options(inputs, out, true));
        assertThat(rest.complete()).isTrue();
        assertThat(rest.status()).isEqualTo(Batch.Status.COMPLETED);
        assertSameResults(clean, out);
    }

    /** The result files are the same bytes, and the summaries the same counts. */
    static void assertSameResults(Path clean, Path other) throws IOException {
        for (String f : List.of(Batch.DIAGNOSES, Batch.REJECTS, Batch.DIAGNOSES_CSV)) {
            assertThat(Files.mismatch(clean.resolve(f), other.resolve(f))).as(other + "/" + f + " differs from the clean run at byte")
                    .isEqualTo(-1L);
        }
        JsonNode a = JSON.readTree(Files.readString(clean.resolve(Batch.SUMMARY)));
        JsonNode b = JSON.readTree(Files.readString(other.resolve(Batch.SUMMARY)));
        for (String field : List.of("complete", "reconciled", "records", "problems", "causes", "escalations",
                "topUnrecognisedMessages", "recordsPerInput")) {
            assertThat(b.get(field)).as(other + " summary " + field).isEqualTo(a.get(field));
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : new TreeSet<>(files.toList())) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
