package dev.authdoctor.properties;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.RecordSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.JSON;
import static dev.authdoctor.Doctor.READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Properties over generated input (seeded, so a failure can be replayed): valid incidents never throw and
 * always give a contract-valid, numbered, repeatable diagnosis; invalid input of any kind is rejected
 * with a reason, never an exception, a hang or running out of memory.
 */
class PropertiesTest {

    static final long SEED = Long.getLong("authdoctor.seed", 20261128L);
    static Schema diagnosisSchema;

    @BeforeAll
    static void contract() throws Exception {
        try (InputStream in = PropertiesTest.class.getResourceAsStream("/dev/authdoctor/io/diagnosis.schema.json")) {
            diagnosisSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("https://authdoctor.dev/schema/diagnosis.schema.json"), in, InputFormat.JSON);
        }
    }

    @Test
    void generatedValidIncidentsGiveValidNumberedRepeatableDiagnoses() {
        IncidentGenerator g = new IncidentGenerator(SEED);
        JsonMapper mapper = JsonMapper.builder().build();
        for (int n = 0; n < 3_000; n++) {
            String json = g.next(n);
            ReadResult read = READER.read(json);
            assertThat(read).as("generated incident %d must be valid: %s", n, json).isInstanceOf(ReadResult.Accepted.class);
            var incident = ((ReadResult.Accepted) read).incident();
            Diagnosis d = DOCTOR.diagnose(incident);
            String line = JSON.toLine(d);
            assertThat(diagnosisSchema.validate(mapper.readTree(line))).as(line).isEmpty();
            for (int k = 0; k < d.steps().size(); k++) {
                assertThat(d.steps().get(k).order()).isEqualTo(k + 1);
            }
            assertThat(d.outcome()).isNotEqualTo(Diagnosis.Outcome.REJECTED);
            assertThat(d.outcome() == Diagnosis.Outcome.NO_MATCH).isEqualTo(d.problems().isEmpty());
            assertThat(JSON.toLine(DOCTOR.diagnose(incident))).as("same input, same bytes").isEqualTo(line);
        }
        assertThat(DOCTOR.openSessions()).isZero();
    }

    @Test
    void randomBytesAreRejectedLineByLineWithAReason() {
        Random r = new Random(SEED);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        int lines = 2_000;
        for (int i = 0; i < lines; i++) {
            byte[] junk = new byte[r.nextInt(300)];
            r.nextBytes(junk);
            for (int k = 0; k < junk.length; k++) {
                if (junk[k] == '\n') {
                    junk[k] = ' ';
                }
            }
            in.writeBytes(junk);
            in.write('\n');
        }
        List<RecordSource.Record> records = readAll(in.toByteArray());
        assertThat(records).hasSize(lines);
        assertThat(records).allSatisfy(rec -> {
            if (rec.result() instanceof ReadResult.Rejected rej) {
                assertThat(rej.errors()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("line " + rec.line() + ": "));
            }
        });
    }

    @Test
    void everyKindOfBrokenRecordIsRejectedQuicklyAndNothingElseHappens() {
        IncidentGenerator g = new IncidentGenerator(SEED + 1);
        Random r = new Random(SEED + 2);
        List<String> broken = new ArrayList<>();
        for (int n = 0; n < 500; n++) {
            String valid = g.next(n);
            broken.add(valid.substring(0, r.nextInt(valid.length())));                        // truncated
            broken.add(valid.replaceFirst("\"id\":\"p" + n + "\"", "\"id\":" + n));            // wrong type
            broken.add(valid.replaceFirst("\\{", "{\"unknown" + n + "\":1,"));                  // unknown field
            broken.add(valid.replace("true", "\"yes\""));                                        // wrong type, maybe
        }
        broken.add("{\"id\":\"deep\",\"user\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001));
        broken.add("[".repeat(200_000));
        broken.add("{\"id\":\"big\",\"description\":\"" + "x".repeat(900_000) + "\"}");
        broken.add("{\"id\":\"many\",\"authenticators\":[" + "{\"type\":\"GRID\"},".repeat(5_000) + "{\"type\":\"GRID\"}]}");
        broken.add("{\"id\":\"num\",\"remediationAttempts\":" + "9".repeat(5_000) + "}");
        broken.add("{\"id\":\"nul\u0000l\"}");
        broken.add("\uFEFF{\"id\":\"bom-in-middle\"}");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String b : broken) {
                ReadResult read = READER.read(b);
                if (read instanceof ReadResult.Accepted a) {
                    DOCTOR.diagnose(a.incident()); // some mutations stay valid: they must still diagnose
                } else {
                    assertThat(((ReadResult.Rejected) read).errors()).isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
                }
            }
        });
        assertThat(READER.read(broken.get(broken.size() - 7))).as("deep nesting").isInstanceOf(ReadResult.Rejected.class);
        assertThat(READER.read(broken.get(broken.size() - 5))).as("huge string").isInstanceOf(ReadResult.Rejected.class);
        assertThat(((ReadResult.Rejected) READER.read(broken.get(broken.size() - 4))).errors())
                .as("thousands of authenticators: stopped at the token limit").singleElement().asString().startsWith("over a limit: Token count");
        String over = "{\"id\":\"150\",\"authenticators\":[" + "{\"type\":\"GRID\"},".repeat(149) + "{\"type\":\"GRID\"}]}";
        assertThat(((ReadResult.Rejected) READER.read(over)).errors()).containsExactly("authenticators: more than 100 items");
    }

    @Test
    void anOverlongLineInAnExportIsRejectedWithoutBeingHeld() {
        byte[] huge = ("{\"id\":\"x\",\"description\":\"" + "y".repeat(3 << 20) + "\"}\n{\"id\":\"after\"}\n").getBytes(StandardCharsets.UTF_8);
        List<RecordSource.Record> records = readAll(huge);
        assertThat(records).hasSize(2);
        assertThat(((ReadResult.Rejected) records.get(0).result()).errors().get(0)).contains("over the limit of 1048576");
        assertThat(records.get(1).result()).isInstanceOf(ReadResult.Accepted.class);
    }

    static List<RecordSource.Record> readAll(byte[] bytes) {
        List<RecordSource.Record> out = new ArrayList<>();
        try (RecordSource s = new JsonLinesSource(new ByteArrayInputStream(bytes), new IncidentReader())) {
            RecordSource.Record rec;
            while ((rec = s.next()) != null) {
                out.add(rec);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
