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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed part-way, for real (a separate JVM, SIGKILL), then resumed, ends with the same files as a
 * run that was never interrupted: no record twice, none missing.
 */
class BatchResumeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aKilledRunResumedGivesTheSameFilesAsAnUnbrokenRun(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("big.jsonl");
        Files.write(input, new ExportGenerator(3).jsonLines(150_000, 0.02));

        Path clean = dir.resolve("clean");
        new Batch(options(input, clean, false), Doctor.DOCTOR).run(new ByteArrayInputStream(new byte[0]));

        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                "dev.authdoctor.cli.Main", "batch", input.toString(), "--out", killed.toString(), "--threads", "2", "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path state = killed.resolve(Batch.STATE);
        while (System.nanoTime() < deadline && p.isAlive() && recordsCheckpointed(state) < 1) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("the run must still be going when it is killed; log: " + dir.resolve("killed.log")).isTrue();
        p.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush
        long atKill = recordsCheckpointed(state);
        assertThat(atKill).isBetween(1L, 149_999L);
        assertThat(killed.resolve(Batch.SUMMARY)).doesNotExist();

        Batch.Result resumed = new Batch(options(input, killed, true), Doctor.DOCTOR).run(new ByteArrayInputStream(new byte[0]));

        assertThat(resumed.summary().read()).isEqualTo(150_000);
        assertThat(resumed.summary().reconciles()).isTrue();
        for (String f : List.of(Batch.DIAGNOSES, Batch.REJECTS)) {
            assertThat(Files.mismatch(clean.resolve(f), killed.resolve(f))).as(f + " differs from the clean run at byte").isEqualTo(-1L);
        }
        JsonNode a = JSON.readTree(Files.readString(clean.resolve(Batch.SUMMARY)));
        JsonNode b = JSON.readTree(Files.readString(killed.resolve(Batch.SUMMARY)));
        for (String field : List.of("records", "problems", "causes", "escalations", "topUnrecognisedMessages")) {
            assertThat(b.get(field)).as(field).isEqualTo(a.get(field));
        }
    }

    static BatchOptions options(Path input, Path out, boolean resume) {
        return new BatchOptions(List.of(input.toString()), out, null, null, 2, resume, -1, "support@entrust.com");
    }

    /** Records the state file says are safely written; 0 before the first checkpoint. */
    static long recordsCheckpointed(Path state) {
        try {
            if (!Files.exists(state)) {
                return 0;
            }
            return JSON.readTree(Files.readString(state)).path("summary").path("read").asLong();
        } catch (IOException | RuntimeException e) {
            return 0; // caught mid-replace: look again
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
