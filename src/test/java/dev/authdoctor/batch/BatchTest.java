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
import java.util.TreeMap;
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
    void theSummaryCountsWhatTheResultFilesHold(@TempDir Path dir) throws IOException {
        run(dir, 2, "examples/incidents.jsonl", "examples/incidents.csv");
        JsonNode s = JSON.readTree(Files.readString(dir.resolve(Batch.SUMMARY)));
        List<JsonNode> diagnoses = lines(dir.resolve(Batch.DIAGNOSES));
        List<JsonNode> rejects = lines(dir.resolve(Batch.REJECTS));
        // Every expected count comes from the files, never from the run's own summary object.
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> problems = new TreeMap<>();
        Map<String, Long> causes = new TreeMap<>();
        Map<String, Long> conditions = new TreeMap<>();
        long dueNow = 0;
        long notYetDue = 0;
        long none = 0;
        for (JsonNode d : diagnoses) {
            outcomes.merge(d.get("outcome").asString(), 1L, Long::sum);
            for (JsonNode p : d.get("problems")) {
                problems.merge(p.get("id").asString(), 1L, Long::sum);
                p.get("causes").forEach(c -> causes.merge(c.asString(), 1L, Long::sum));
            }
            JsonNode e = d.get("escalation");
            if (e == null || e.isNull()) {
                none++;
            } else {
                conditions.merge(e.get("condition").asString(), 1L, Long::sum);
                if (e.get("now").asBoolean()) {
                    dueNow++;
                } else {
                    notYetDue++;
                }
            }
        }
        assertThat(dueNow).as("the examples hold escalations both due now and not yet due").isPositive();
        assertThat(notYetDue).isPositive();
        JsonNode records = s.get("records");
        assertThat(records.get("read").asLong()).isEqualTo(13 + 15).isEqualTo(diagnoses.size() + rejects.size());
        assertThat(records.get("diagnosed").asLong()).isEqualTo(outcomes.getOrDefault("DIAGNOSED", 0L));
        assertThat(records.get("noMatch").asLong()).isEqualTo(outcomes.getOrDefault("NO_MATCH", 0L));
        assertThat(records.get("rejected").asLong()).isEqualTo(rejects.size()).isEqualTo(1);
        assertThat(s.get("reconciled").asBoolean()).isTrue();
        assertThat(JSON.convertValue(s.get("problems"), Map.class)).isEqualTo(toIntegers(problems));
        assertThat(JSON.convertValue(s.get("causes"), Map.class)).isEqualTo(toIntegers(causes));
        assertThat(s.get("escalations").get("dueNow").asLong()).isEqualTo(dueNow);
        assertThat(s.get("escalations").get("notYetDue").asLong()).isEqualTo(notYetDue);
        assertThat(s.get("escalations").get("none").asLong()).isEqualTo(none);
        assertThat(JSON.convertValue(s.get("escalations").get("byCondition"), Map.class)).isEqualTo(toIntegers(conditions));
        assertThat(s.get("problems").get("token-not-working").asInt()).isEqualTo(2);
        assertThat(s.get("causes").get("CLOCK_DRIFT").asInt()).isEqualTo(2);
        assertThat(s.get("topUnrecognisedMessages").get(0).get("message").asString()).isEqualTo("the otp could not be delivered");
        assertThat(s.get("rulePacks").get(0).asString()).isEqualTo("authdoctor-builtin 1.0.0");
        assertThat(s.get("recordsPerInput").get("examples/incidents.csv").asInt()).isEqualTo(15);
        assertThat(s.has("durationSeconds")).isTrue();
    }

    private static Map<String, Integer> toIntegers(Map<String, Long> counts) {
        Map<String, Integer> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.intValue()));
        return m;
    }

    @Test
    void aRejectCountedButNotWrittenFailsReconciliation() {
        BatchSummary s = new BatchSummary();
        s.count("in.jsonl", dev.authdoctor.api.Diagnosis.rejected("r1", List.of("line 1: bad")), null);
        assertThat(s.reconciles()).as("the counts alone add up").isTrue();
        assertThat(s.reconcile(Map.of(Batch.DIAGNOSES, 0L, Batch.REJECTS, 0L))).contains(Batch.REJECTS).contains("holds 0 lines");
        assertThat(s.reconcile(Map.of(Batch.DIAGNOSES, 0L, Batch.REJECTS, 1L))).isNull();
    }

    @Test
    void moreRejectsThanAllowedStopsTheRunThereAndSaysSo(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\":\"a\"}\nnope\nnope\n{\"id\":\"b\"}\n");
        BatchOptions strict = new BatchOptions(List.of(input.toString()), dir.resolve("o1"), null, null, 1, false, 1, "s@x");
        Batch.Result r = run(strict);
        assertThat(r.status()).isEqualTo(Batch.Status.TOO_MANY_REJECTS);
        assertThat(r.complete()).isFalse();
        assertThat(r.summary().read()).as("the record after the second reject is not read").isEqualTo(3);
        assertThat(dir.resolve("o1").resolve(Batch.REPORT)).exists();
        BatchOptions lenient = new BatchOptions(List.of(input.toString()), dir.resolve("o2"), null, null, 1, false, 2, "s@x");
        assertThat(run(lenient).status()).isEqualTo(Batch.Status.COMPLETED);
    }

    @Test
    void aGzipNewlineBombStopsAsSoonAsMaxRejectsIsPassed(@TempDir Path dir) throws IOException {
        Path bomb = dir.resolve("bomb.jsonl.gz");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            byte[] newlines = new byte[1 << 20];
            java.util.Arrays.fill(newlines, (byte) '\n');
            for (int i = 0; i < 64; i++) {
                z.write(newlines); // 64 Mi empty lines
            }
        }
        Files.write(bomb, b.toByteArray());
        assertThat(Files.size(bomb)).isLessThan(200_000);
        long started = System.nanoTime();
        Batch.Result r = run(new BatchOptions(List.of(bomb.toString()), dir.resolve("out"), null, null, 2, false, 100, "s@x"));
        assertThat(r.status()).isEqualTo(Batch.Status.TOO_MANY_REJECTS);
        assertThat(lines(dir.resolve("out").resolve(Batch.REJECTS))).hasSize(101);
        assertThat(r.summary().read()).isEqualTo(101);
        assertThat(System.nanoTime() - started).as("it stops at once, not after 64 Mi lines").isLessThan(20_000_000_000L);
        Batch.Result more = run(new BatchOptions(List.of(bomb.toString()), dir.resolve("out"), null, null, 2, true, 150, "s@x"));
        assertThat(more.complete()).isFalse();
        assertThat(lines(dir.resolve("out").resolve(Batch.REJECTS))).as("resumed, it goes on to the new limit").hasSize(151);
    }

    @Test
    void aLongRejectedRecordKeepsFourKiBOfItsTextAndItsWholeLength(@TempDir Path dir) throws IOException {
        String longLine = "{\"id\":\"x\",\"user\":{\"state\":\"ENABLED\"},\"description\":\"" + "\u00e9".repeat(50_000) + "\"}";
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, longLine + "\nnope\n");
        run(dir.resolve("out"), 1, input.toString());
        List<JsonNode> rejects = lines(dir.resolve("out").resolve(Batch.REJECTS));
        assertThat(rejects).hasSize(2);
        String raw = rejects.get(0).get("raw").asString();
        int rawBytes = raw.getBytes(StandardCharsets.UTF_8).length;
        assertThat(rawBytes).isBetween(Batch.MAX_RAW_BYTES - 1, Batch.MAX_RAW_BYTES);
        assertThat(longLine).startsWith(raw);
        assertThat(rejects.get(0).get("rawLength").asLong()).isEqualTo(longLine.getBytes(StandardCharsets.UTF_8).length);
        assertThat(rejects.get(1).get("raw").asString()).isEqualTo("nope");
        assertThat(rejects.get(1).has("rawLength")).as("a short record is kept whole").isFalse();
        assertThat(Batch.cutAt("a\uD83D\uDE00", 4)).as("never half a character").isEqualTo(1);
        assertThat(Batch.cutAt("abcd", 4)).isEqualTo(-1);
    }

    @Test
    void aFolderThatHoldsARunIsNotOverwrittenAndNothingIsResumedFromNowhere(@TempDir Path dir) throws IOException {
        run(dir.resolve("out"), 1, "examples/incidents.jsonl");
        assertThatThrownBy(() -> run(dir.resolve("out"), 1, "examples/incidents.jsonl"))
                .isInstanceOf(Batch.BatchException.class).hasMessageContaining("--resume").hasMessageContaining("--restart")
                .matches(e -> ((Batch.BatchException) e).isUsage());
        Batch.Result again = run(new BatchOptions(List.of("examples/incidents.csv"), dir.resolve("out"), null, null, 1, false, -1,
                "support@entrust.com").withRestart(true));
        assertThat(again.summary().read()).as("--restart starts over").isEqualTo(15);
        assertThat(dir.resolve("out").resolve(Batch.DIAGNOSES_CSV)).exists();
        assertThat(lines(dir.resolve("out").resolve(Batch.DIAGNOSES))).hasSize(14);
        BatchOptions resumeEmpty = new BatchOptions(List.of("examples/incidents.jsonl"), dir.resolve("empty"), null, null, 1, true, -1, "s@x");
        assertThatThrownBy(() -> run(resumeEmpty)).hasMessageContaining("nothing to resume");
        BatchOptions otherInput = new BatchOptions(List.of("examples/incidents.jsonl"), dir.resolve("out"), null, null, 1, true, -1, "support@entrust.com");
        assertThatThrownBy(() -> run(otherInput)).hasMessageContaining("inputs are not the same");
    }

    @Test
    void aFolderOfOtherFilesIsNotUsedForResultsButAnEmptyOneIs(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "someone's files");
        assertThatThrownBy(() -> run(repo, 1, "examples/incidents.jsonl"))
                .hasMessageContaining("holds other files (README.md)").hasMessageContaining("new or empty folder");
        assertThat(repo.resolve(Batch.DIAGNOSES)).doesNotExist();
        assertThat(repo.resolve(".authdoctor-batch.state")).doesNotExist();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run(empty, 1, "examples/incidents.jsonl").summary().read()).isEqualTo(13);
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
