package dev.authdoctor.batch;

import dev.authdoctor.Doctor;
import dev.authdoctor.io.ColumnMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batch runs: nothing lost, order kept, formats agree, counts reconcile. */
class BatchTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

    static Batch.Result run(Path out, int threads, String... inputs) throws IOException {
        return run(new BatchOptions(List.of(inputs), out, null, null, threads, false, -1, "support@entrust.com"));
    }

    static Batch.Result run(BatchOptions options) throws IOException {
        return new Batch(options, Doctor.DOCTOR).run(NO_STDIN);
    }

    static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void everyMalformedCsvRowIsRejectedWithItsLineWhileTheRowsAroundItAreDiagnosed(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes("""
                id,symptom,user.state,description
                ok1,TOKEN_NOT_WORKING,ACTIVE,fine
                bad2,TOKEN_NOT_WORKING,ACTIVE,"unterminated
                ok3,TOKEN_NOT_WORKING,,"a ""quoted"" word, and a comma"
                bad4,TOKEN_NOT_WORKING,ACTIVE
                bad5,TOKEN_NOT_WORKING,ENABLED,x
                bad6,TOKEN_NOT_WORKING,ACTIVE,5" screen

                ok8,ACTIVATION_EMAIL_NOT_RECEIVED,,"two
                lines"
                """.getBytes(StandardCharsets.UTF_8));
        csv.writeBytes("bad11,TOKEN_NOT_WORKING,ACTIVE,caf".getBytes(StandardCharsets.UTF_8));
        csv.write(0xE9);
        csv.writeBytes(("\nbad12,TOKEN_NOT_WORKING,ACTIVE," + "x".repeat(20_001) + "\nok13,OTHER,,\n").getBytes(StandardCharsets.UTF_8));
        Path input = dir.resolve("export.csv");
        Files.write(input, csv.toByteArray());

        Batch.Result r = run(dir.resolve("out"), 2, input.toString());

        assertThat(lines(dir.resolve("out").resolve(Batch.DIAGNOSES))).extracting(n -> n.get("incidentId").asString())
                .containsExactly("ok1", "ok3", "ok8", "ok13");
        assertThat(lines(dir.resolve("out").resolve(Batch.REJECTS))).extracting(n -> n.get("line").asInt() + " " + n.get("reason").asString())
                .containsExactly(
                        "3 line 3: bad quoting: a quoted field opened on this line is never closed",
                        "5 line 5: expected 4 columns, found 3",
                        "6 line 6: user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE",
                        "7 line 7: bad quoting in column 4: a quote inside an unquoted field",
                        "8 line 8: empty line, expected a CSV record",
                        "11 line 11: invalid UTF-8 at byte 35",
                        "12 line 12: description: 20001 characters, over the limit of 20000");
        JsonNode first = lines(dir.resolve("out").resolve(Batch.REJECTS)).get(0);
        assertThat(first.get("file").asString()).isEqualTo(input.toString());
        assertThat(first.get("raw").asString()).isEqualTo("bad2,TOKEN_NOT_WORKING,ACTIVE,\"unterminated");
        assertThat(r.summary().read()).isEqualTo(11);
        assertThat(r.summary().rejected()).isEqualTo(7);
        assertThat(r.summary().reconciles()).isTrue();
        assertThat(r.status()).isEqualTo(Batch.Status.COMPLETED);
    }

    @Test
    void severalThreadsWriteExactlyWhatOneThreadWrites(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("mix.jsonl");
        Files.write(input, new ExportGenerator(7).jsonLines(5_000, 0.05));
        run(dir.resolve("one"), 1, input.toString());
        run(dir.resolve("four"), 4, input.toString());
        for (String f : List.of(Batch.DIAGNOSES, Batch.REJECTS)) {
            assertThat(Files.readString(dir.resolve("four").resolve(f))).as(f).isEqualTo(Files.readString(dir.resolve("one").resolve(f)));
        }
        List<JsonNode> ds = lines(dir.resolve("one").resolve(Batch.DIAGNOSES));
        List<JsonNode> rs = lines(dir.resolve("one").resolve(Batch.REJECTS));
        assertThat(ds.size() + rs.size()).isEqualTo(5_000);
        // input order: ids rise through the file
        List<Integer> ids = ds.stream().map(n -> Integer.parseInt(n.get("incidentId").asString().substring(3))).toList();
        assertThat(ids).isSorted();
    }

    @Test
    void csvAndGzipInputsGiveTheSameDiagnosesAsJsonLines(@TempDir Path dir) throws IOException {
        ExportGenerator g = new ExportGenerator(11);
        StringBuilder jsonl = new StringBuilder();
        StringBuilder csv = new StringBuilder(ExportGenerator.csvHeader()).append('\n');
        for (int i = 0; i < 2_000; i++) {
            Map<String, String> rec = g.record(i);
            jsonl.append(ExportGenerator.toJsonLine(rec)).append('\n');
            csv.append(ExportGenerator.toCsvRow(rec)).append('\n');
        }
        Files.writeString(dir.resolve("in.jsonl"), jsonl);
        Files.writeString(dir.resolve("in.csv"), csv);
        Files.write(dir.resolve("in.csv.gz"), gzip(csv.toString()));
        Files.write(dir.resolve("in.jsonl.gz"), gzip(jsonl.toString()));
        for (String name : List.of("in.jsonl", "in.csv", "in.csv.gz", "in.jsonl.gz")) {
            Batch.Result r = run(dir.resolve("out-" + name), 2, dir.resolve(name).toString());
            assertThat(r.summary().rejected()).as(name).isZero();
        }
        String expected = Files.readString(dir.resolve("out-in.jsonl").resolve(Batch.DIAGNOSES));
        assertThat(expected.lines()).hasSize(2_000);
        for (String name : List.of("in.csv", "in.csv.gz", "in.jsonl.gz")) {
            assertThat(Files.readString(dir.resolve("out-" + name).resolve(Batch.DIAGNOSES))).as(name).isEqualTo(expected);
        }
        assertThat(Files.readString(dir.resolve("out-in.csv").resolve(Batch.DIAGNOSES_CSV)).lines())
                .hasSize(2_001).first().asString().startsWith("incidentId,outcome,problems");
        assertThat(dir.resolve("out-in.jsonl").resolve(Batch.DIAGNOSES_CSV)).doesNotExist();
    }

    @Test
    void aMapTurnsAForeignTicketExportIntoIncidents(@TempDir Path dir) throws IOException {
        ColumnMap map = ColumnMap.read(Path.of("examples/ticket-export.map.json"));
        Batch.Result r = run(new BatchOptions(List.of("examples/ticket-export.csv"), dir, null, map, 2, false, -1, "support@entrust.com"));
        assertThat(r.summary().rejected()).isZero();
        List<JsonNode> ds = lines(dir.resolve(Batch.DIAGNOSES));
        assertThat(ds).extracting(n -> n.get("incidentId").asString()).startsWith("TKT0031001", "TKT0031002");
        assertThat(ds.get(0).get("problems").get(0).get("causes").get(0).asString()).isEqualTo("CLOCK_DRIFT");
        assertThat(ds.get(3).get("escalation").get("contact").asString()).isEqualTo("SUPER_ADMINISTRATOR");
    }

    @Test
    void anUnknownColumnWithoutAMapStopsTheRunNamingTheColumn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.csv"), "id,user.sate\na,ACTIVE\n");
        assertThatThrownBy(() -> run(dir.resolve("out"), 1, dir.resolve("x.csv").toString()))
                .isInstanceOf(Batch.BatchException.class)
                .hasMessageContaining("\"user.sate\" is not a field of the incident contract");
    }

    @Test
    void theSummaryCountsProblemsCausesAndEscalationsAndReconciles(@TempDir Path dir) throws IOException {
        Batch.Result r = run(dir, 2, "examples/incidents.jsonl", "examples/incidents.csv");
        JsonNode s = JSON.readTree(Files.readString(dir.resolve(Batch.SUMMARY)));
        assertThat(s.get("records").get("read").asInt()).isEqualTo(13 + 15);
        assertThat(s.get("records").get("rejected").asInt()).isEqualTo(1);
        assertThat(s.get("reconciled").asBoolean()).isTrue();
        assertThat(s.get("problems").get("token-not-working").asInt()).isEqualTo(2);
        assertThat(s.get("causes").get("CLOCK_DRIFT").asInt()).isEqualTo(2);
        assertThat(s.get("escalations").get("dueNow").asLong()).isEqualTo(r.summary().escalationsDueNow()).isPositive();
        assertThat(s.get("topUnrecognisedMessages").get(0).get("message").asString()).isEqualTo("the otp could not be delivered");
        assertThat(s.get("rulePacks").get(0).asString()).isEqualTo("authdoctor-builtin 1.0.0");
        assertThat(s.get("recordsPerInput").get("examples/incidents.csv").asInt()).isEqualTo(15);
        assertThat(s.has("durationSeconds")).isTrue();
    }

    @Test
    void moreRejectsThanAllowedStillCompletesButSaysSo(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\":\"a\"}\nnope\nnope\n");
        BatchOptions strict = new BatchOptions(List.of(input.toString()), dir.resolve("o1"), null, null, 1, false, 1, "s@x");
        assertThat(run(strict).status()).isEqualTo(Batch.Status.TOO_MANY_REJECTS);
        BatchOptions lenient = new BatchOptions(List.of(input.toString()), dir.resolve("o2"), null, null, 1, false, 2, "s@x");
        assertThat(run(lenient).status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(dir.resolve("o1").resolve(Batch.REPORT)).exists();
    }

    @Test
    void aFolderThatHoldsARunIsNotOverwrittenAndNothingIsResumedFromNowhere(@TempDir Path dir) throws IOException {
        run(dir.resolve("out"), 1, "examples/incidents.jsonl");
        assertThatThrownBy(() -> run(dir.resolve("out"), 1, "examples/incidents.jsonl"))
                .isInstanceOf(Batch.BatchException.class).hasMessageContaining("--resume")
                .matches(e -> ((Batch.BatchException) e).isUsage());
        BatchOptions resumeEmpty = new BatchOptions(List.of("examples/incidents.jsonl"), dir.resolve("empty"), null, null, 1, true, -1, "s@x");
        assertThatThrownBy(() -> run(resumeEmpty)).hasMessageContaining("nothing to resume");
        BatchOptions otherInput = new BatchOptions(List.of("examples/incidents.csv"), dir.resolve("out"), null, null, 1, true, -1, "support@entrust.com");
        assertThatThrownBy(() -> run(otherInput)).hasMessageContaining("inputs are not the same");
    }

    @Test
    void resumingACompleteRunChangesNothing(@TempDir Path dir) throws IOException {
        run(dir, 2, "examples/incidents.jsonl");
        String before = Files.readString(dir.resolve(Batch.DIAGNOSES));
        BatchOptions again = new BatchOptions(List.of("examples/incidents.jsonl"), dir, null, null, 2, true, -1, "support@entrust.com");
        Batch.Result r = run(again);
        assertThat(r.summary().read()).isEqualTo(13);
        assertThat(Files.readString(dir.resolve(Batch.DIAGNOSES))).isEqualTo(before);
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }
}
