package dev.authdoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's training run: what it diagnoses and batches, and that the export's malformed lines do not fail it. */
class TrainingTest {

    private static final String EXAMPLES = "examples/incidents.jsonl";
    private static final String EXPORT = "examples/export-1000.jsonl";

    @Test
    void batchesCopiesOfTheExamplesAndOfTheExportAndSucceedsDespiteItsRejects(@TempDir Path out) throws Exception {
        assertThat(Training.run(EXAMPLES, out.toString(), EXPORT)).isZero();
        long lines = lines(EXAMPLES) + lines(EXPORT);
        JsonNode records = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile()).get("records");
        assertThat(records.get("read").asLong()).isEqualTo(Training.BATCH_COPIES * lines);
        assertThat(records.get("rejected").asLong()).as("the export's malformed lines, in every copy").isPositive();
    }

    @Test
    void theExamplesAloneStillTrain(@TempDir Path out) throws Exception {
        assertThat(Training.run(EXAMPLES, out.toString(), null)).isZero();
        long lines = lines(EXAMPLES);
        JsonNode records = JsonMapper.builder().build().readTree(out.resolve("summary.json").toFile()).get("records");
        assertThat(records.get("read").asLong()).isEqualTo(Training.BATCH_COPIES * lines);
    }

    /** Lines by their ends: the export has malformed lines on purpose, some of them not even UTF-8. */
    private static long lines(String file) throws java.io.IOException {
        byte[] bytes = Files.readAllBytes(Path.of(file));
        long n = 0;
        for (byte b : bytes) {
            n += b == '\n' ? 1 : 0;
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? n + 1 : n;
    }

    @Test
    void aMissingExportFailsTheTraining(@TempDir Path out) {
        assertThat(Training.run(EXAMPLES, out.toString(), out.resolve("none.jsonl").toString())).isEqualTo(1);
    }
}
