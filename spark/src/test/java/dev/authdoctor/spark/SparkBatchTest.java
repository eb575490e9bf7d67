package dev.authdoctor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authdoctor.batch.Batch;
import dev.authdoctor.batch.BatchOptions;
import dev.authdoctor.batch.RunOutputs;
import dev.authdoctor.io.ColumnMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same export through batch (in-process, the library's Batch) and through the Spark job gives the same diagnosis
 * lines in the same order, the same rejects (lines, reasons, raw) and the same summary counts.
 */
class SparkBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * A seeded export: the 13 examples again and again under new ids, with every kind of bad line batch rejects
     * between them: bad JSON, empty lines, a wrong value, an unknown field, invalid UTF-8, a truncated object, CRLF
     * endings, an over-long line, a message no rule knows.
     */
    static byte[] export(Path root, int copies, long seed) throws IOException {
        List<String> examples = Files.readAllLines(root.resolve("examples/incidents.jsonl"));
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] bad = {"not json at all", "", "{\"id\":\"BAD-STATE\",\"user\":{\"state\":\"ENABLED\"}}",
                "{\"id\":\"BAD-FIELD\",\"colour\":\"red\"}", "{\"id\":\"TRUNC\",\"symptom\":\"CANNOT_LOG_IN\"",
                "   ", "[1,2,3]", "{\"id\":\"NM-%d\",\"error\":{\"message\":\"The printer on floor %d is out of toner\"}}"};
        for (int c = 0; c < copies; c++) {
            for (String line : examples) {
                String l = line.replaceFirst("\"id\":\"([^\"]*)\"", "\"id\":\"$1-" + c + "\"");
                out.write(l.getBytes(StandardCharsets.UTF_8));
                out.write(random.nextInt(10) == 0 ? new byte[]{'\r', '\n'} : new byte[]{'\n'});
                if (random.nextInt(4) == 0) {
                    String b = bad[random.nextInt(bad.length)];
                    out.write(String.format(b, c, random.nextInt(3)).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                if (random.nextInt(60) == 0) {
                    out.write(new byte[]{'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
                }
            }
            if (c == copies / 2) {
                out.write(("{\"id\":\"LONG\",\"description\":\"" + "x".repeat((1 << 20) + 10) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    static Batch.Result batch(List<String> inputs, Path out, ColumnMap map) throws IOException {
        return new Batch(new BatchOptions(inputs, out, null, map, 2, false, -1, null), TestSpark.doctor()).run(InputStream.nullInputStream());
    }

    static int spark(PrintStream err, String... args) {
        return SparkBatch.run(TestSpark.session(), args, err);
    }

    private void assertSameAsBatch(Path batchOut, Path sparkOut) throws IOException {
        assertThat(TestSpark.partLines(sparkOut.resolve("diagnoses.jsonl")))
                .containsExactlyElementsOf(Files.readAllLines(batchOut.resolve("diagnoses.jsonl")));
        assertThat(TestSpark.partLines(sparkOut.resolve("rejects.jsonl")))
                .containsExactlyElementsOf(Files.readAllLines(batchOut.resolve("rejects.jsonl")));
        ObjectNode b = (ObjectNode) JSON.readTree(batchOut.resolve("summary.json").toFile());
        ObjectNode s = (ObjectNode) JSON.readTree(sparkOut.resolve("summary.json").toFile());
        for (ObjectNode o : List.of(b, s)) {
            o.remove(List.of("durationSeconds", "threads"));
        }
        assertThat(s).isEqualTo(b);
        assertThat(s.path("reconciled").asBoolean()).isTrue();
        if (Files.exists(batchOut.resolve("diagnoses.csv"))) {
            // each part file opens with the header, as Spark's CSV writer does; the rows after it are batch's
            String header = dev.authdoctor.batch.RunOutputs.DIAGNOSES_CSV_HEADER;
            StringBuilder rows = new StringBuilder();
            for (Path part : TestSpark.parts(sparkOut.resolve("diagnoses.csv"))) {
                String text = Files.readString(part);
                assertThat(text).startsWith(header);
                rows.append(text.substring(header.length()));
            }
            assertThat(rows.toString()).isEqualTo(Files.readString(batchOut.resolve("diagnoses.csv")).substring(header.length()));
        } else {
            assertThat(sparkOut.resolve("diagnoses.csv")).doesNotExist();
        }
        String report = Files.readString(sparkOut.resolve("report.html"));
        assertThat(report).contains("id=\"count-read\">" + b.path("records").path("read").asLong() + "<")
                .contains("Every record is accounted for");
    }

    @Test
    void jsonLinesSplitIntoManySlicesGiveBatchsLinesRejectsAndSummaryEvenWhenATaskFailsOnce() throws IOException {
        Path input = tmp.resolve("export.jsonl");
        Files.write(input, export(TestSpark.root(), 12, 42));
        batch(List.of(input.toString()), tmp.resolve("batch"), ColumnMap.NONE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // 16 KiB slices: the export (1 MiB of it one long line) is read by a few tasks, each numbering its lines from
        // its range's first; the third task fails after writing part of its output, and Spark's second attempt replaces it.
        int injected = AuthDoctorSpark.FAILURES_INJECTED.get();
        AuthDoctorSpark.failFirstAttempt = new int[]{2, 7};
        int code;
        try {
            code = spark(new PrintStream(err, true, StandardCharsets.UTF_8), "batch", input.toString(),
                    "--out", tmp.resolve("spark").toString(), "--slice-mb", "0.016");
        } finally {
            AuthDoctorSpark.failFirstAttempt = null;
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(AuthDoctorSpark.FAILURES_INJECTED.get() - injected).as("the injected failure happened").isEqualTo(1);
        assertSameAsBatch(tmp.resolve("batch"), tmp.resolve("spark"));
        JsonNode summary = JSON.readTree(tmp.resolve("spark/summary.json").toFile());
        assertThat(summary.path("records").path("rejected").asLong()).isGreaterThan(10);
        assertThat(summary.path("topUnrecognisedMessages").size()).isPositive();
        assertThat(TestSpark.parts(tmp.resolve("spark/diagnoses.jsonl"))).hasSizeGreaterThan(2);
        // the typed columns hold the same diagnoses
        long rows = TestSpark.session().read().parquet(tmp.resolve("spark/diagnoses.parquet").toString())
                .filter("outcome = 'DIAGNOSED' and size(problems) > 0 and size(steps) > 0").count();
        assertThat(rows).isEqualTo(summary.path("records").path("diagnosed").asLong());
    }

    @Test
    void anOutFolderAndInputsWithGlobCharactersInTheirNamesAreReadAsNamed() throws IOException {
        // Spark's readers take paths as glob patterns: [x] would match only "x", {a,b} "a" or "b"
        Path dir = Files.createDirectories(tmp.resolve("exports [2026] {a,b} *?"));
        Path input = dir.resolve("incidents[1].jsonl");
        Files.copy(TestSpark.root().resolve("examples/incidents.jsonl"), input);
        Path out = dir.resolve("out [1]");
        batch(List.of(input.toString()), tmp.resolve("batch"), ColumnMap.NONE);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = spark(new PrintStream(err, true, StandardCharsets.UTF_8), "batch", input.toString(), "--out", out.toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertSameAsBatch(tmp.resolve("batch"), out);
        // and they are the examples' reviewed plans, byte for byte (the file .ci/run checks ./authdoctor against)
        assertThat(TestSpark.partLines(out.resolve("diagnoses.jsonl")))
                .isEqualTo(Files.readAllLines(TestSpark.root().resolve("src/test/resources/golden/examples.jsonl")));
    }

    /**
     * Batch keeps the first 10,000 distinct unrecognised messages in input order and counts later ones as "others";
     * the job finds the same ones from its outputs, whichever tasks saw them first. Shown with a lower limit.
     */
    @Test
    void theUnrecognisedMessagesKeptAreBatchsFirstOnesInInputOrderWithExactCounts() throws IOException {
        String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
        Random random = new Random(5);
        List<String> lines = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // the first messages are rare; later ones come often, in later slices
            String word = i < 8 ? words[i] : words[3 + random.nextInt(5)];
            String message = "The " + word + " printer on the third floor said \"out of toner\"" + (i % 2 == 0 ? "." : "");
            messages.add(message);
            lines.add("{\"id\":\"U-" + i + "\",\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\"}}");
        }
        Path input = tmp.resolve("unrecognised.jsonl");
        Files.write(input, lines);
        Path out = tmp.resolve("spark");
        int code = spark(System.err, "batch", input.toString(), "--out", out.toString(), "--slice-mb", "0.004");
        assertThat(code).isZero();
        assertThat(TestSpark.parts(out.resolve("diagnoses.jsonl"))).hasSizeGreaterThan(3);
        HadoopConf conf = new HadoopConf(TestSpark.session().sparkContext().hadoopConfiguration());
        Map<String, long[]> read = Map.of(input.toString(), new long[]{400, 0});
        SparkBatch.Args args = SparkBatch.Args.parse(new String[]{"batch", input.toString(), "--out", out.toString()});
        for (int keep : new int[]{3, 5, 8, 100}) {
            // batch's rule, as BatchSummary counts: a message is kept if seen already or fewer than `keep` are kept
            Map<String, Long> expected = new LinkedHashMap<>();
            long others = 0;
            for (String m : messages) {
                String key = RunOutputs.unrecognisedKey(m);
                if (expected.containsKey(key) || expected.size() < keep) {
                    expected.merge(key, 1L, Long::sum);
                } else {
                    others++;
                }
            }
            RunOutputs.Counts counts = SparkBatch.count(TestSpark.session(), conf, new org.apache.hadoop.fs.Path(out.toString()),
                    read, args, false, keep, System.nanoTime()).counts();
            assertThat(counts.unrecognised()).as("keep %d", keep).isEqualTo(expected);
            assertThat(counts.unrecognisedOthers()).as("keep %d", keep).isEqualTo(others);
        }
    }

    @Test
    void gzipAndSeveralInputsAreReadWholeInOrder() throws IOException {
        byte[] data = export(TestSpark.root(), 3, 7);
        Path gz = tmp.resolve("part-a.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(data);
        }
        Path plain = tmp.resolve("part-b.jsonl");
        Files.write(plain, export(TestSpark.root(), 2, 8));
        batch(List.of(gz.toString(), plain.toString()), tmp.resolve("batch"), ColumnMap.NONE);
        int code = spark(System.err, "batch", gz.toString(), plain.toString(), "--out", tmp.resolve("spark").toString());
        assertThat(code).isZero();
        assertSameAsBatch(tmp.resolve("batch"), tmp.resolve("spark"));
    }

    @Test
    void csvWithAColumnMapAndBrokenRecordsGivesBatchsAnswers() throws IOException {
        Path root = TestSpark.root();
        List<String> lines = new ArrayList<>(Files.readAllLines(root.resolve("examples/ticket-export.csv")));
        // a quoted field over two lines, a stray quote (batch reads the lines after it again as records), a short row
        lines.add("TKT0039001,2026-11-26T09:12:44Z,Other,\"Two lines\nof description\",,Active,no,,,,Desk");
        lines.add("TKT0039002,2026-11-26T09:12:44Z,Other,\"stray quote,,Active,no,,,,Desk");
        lines.add("TKT0039003,2026-11-26T09:12:44Z,Other,fine,,Active,no,,,,Desk");
        lines.add("TKT0039004,only,three");
        lines.add("TKT0039005,2026-11-26T09:12:44Z,Other,bad lock,,Active,perhaps,,,,Desk");
        Path input = tmp.resolve("tickets.csv");
        Files.write(input, lines);
        Path map = root.resolve("examples/ticket-export.map.json");
        batch(List.of(input.toString()), tmp.resolve("batch"), ColumnMap.read(map));
        int code = spark(System.err, "batch", input.toString(), "--map", map.toString(), "--out", tmp.resolve("spark").toString());
        assertThat(code).isZero();
        assertSameAsBatch(tmp.resolve("batch"), tmp.resolve("spark"));
        assertThat(TestSpark.partLines(tmp.resolve("spark/rejects.jsonl"))).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aCsvHeaderTheContractDoesNotKnowStopsTheRunNamingTheColumn() throws IOException {
        Path input = tmp.resolve("typo.csv");
        Files.writeString(input, "id,user.sate\nA,ACTIVE\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = spark(new PrintStream(err, true, StandardCharsets.UTF_8), "batch", input.toString(), "--out", tmp.resolve("o").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\"user.sate\"").contains("typo.csv");
    }

    @Test
    void anS3aPathWithoutHadoopAwsIsRefusedNamingThePathAndWhatToAdd() throws IOException {
        // Spark's jars map s3a:// to hadoop-aws's classes but do not hold them: a local run has no S3 file system
        Path input = tmp.resolve("in.jsonl");
        Files.writeString(input, "{\"id\":\"A\"}\n");
        for (String[] args : List.of(new String[]{"batch", "s3a://exports/2026-11/", "--out", tmp.resolve("o1").toString()},
                new String[]{"batch", input.toString(), "--out", "s3a://results/2026-11"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(spark(new PrintStream(err, true, StandardCharsets.UTF_8), args)).isEqualTo(1);
            String s3a = args[1].startsWith("s3a") ? "cannot read s3a://exports/2026-11/" : "cannot write to s3a://results/2026-11";
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(s3a).contains("no s3a:// file system").contains("hadoop-aws");
        }
        assertThat(tmp.resolve("o1")).doesNotExist();
    }

    @Test
    void usageMistakesExitTwoAndAFolderHoldingFilesIsRefused() throws IOException {
        assertThat(spark(System.err, "batch", "--out", tmp.toString())).isEqualTo(2);
        assertThat(spark(System.err, "batch", "x.jsonl")).isEqualTo(2);
        assertThat(spark(System.err, "batch", "x.jsonl", "--out", "o", "--format", "xml")).isEqualTo(2);
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        Path input = tmp.resolve("in.jsonl");
        Files.writeString(input, "{\"id\":\"A\"}\n");
        assertThat(spark(System.err, "batch", input.toString(), "--out", tmp.toString())).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("keep.txt"))).isEqualTo("mine");
    }
}
