package dev.authdoctor.spark;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.ColumnMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Dataset API, the SQL function, Parquet input and the rules shipped to executors. */
class AuthDoctorSparkTest {

    @TempDir
    Path tmp;

    private static final Path EXAMPLES = TestSpark.root().resolve("examples/incidents.jsonl");
    private static final Path EXTENDED = TestSpark.root().resolve("packs/idaas-extended");

    /** What the library itself answers for each example line, by incident id. */
    private static TreeMap<String, Diagnosis> library(Troubleshooter doctor) throws IOException {
        TreeMap<String, Diagnosis> m = new TreeMap<>();
        for (String line : Files.readAllLines(EXAMPLES)) {
            Diagnosis d = doctor.diagnose(((ReadResult.Accepted) IncidentJson.read(line)).incident());
            m.put(d.incidentId(), d);
        }
        return m;
    }

    @Test
    void theSqlFunctionAnswersAsTheLibraryAndRejectsBadInputWithItsErrors() throws IOException {
        SparkSession spark = TestSpark.session();
        AuthDoctorSpark.register(spark, DiagnoseOptions.defaults());
        spark.read().text(EXAMPLES.toString()).createOrReplaceTempView("incidents");
        List<Row> rows = spark.sql("SELECT d.incidentId, d.outcome, d.problems.id, size(d.steps), d.escalation.now FROM "
                + "(SELECT " + AuthDoctorSpark.FUNCTION + "(value) AS d FROM incidents) ORDER BY d.incidentId").collectAsList();
        TreeMap<String, Diagnosis> expected = library(TestSpark.doctor());
        assertThat(rows).hasSize(expected.size());
        for (Row r : rows) {
            Diagnosis d = expected.get(r.getString(0));
            assertThat(r.getString(1)).isEqualTo(d.outcome().name());
            assertThat(r.<String>getList(2)).isEqualTo(d.problemIds());
            assertThat(r.getInt(3)).isEqualTo(d.steps().size());
            assertThat(r.isNullAt(4) ? null : r.getBoolean(4)).isEqualTo(d.escalation() == null ? null : d.escalation().now());
        }
        Row bad = spark.sql("SELECT " + AuthDoctorSpark.FUNCTION + "('{\"id\":\"B1\",\"user\":{\"state\":\"ENABLED\"}}') AS d")
                .select("d.incidentId", "d.outcome", "d.errors").first();
        assertThat(bad.getString(0)).isEqualTo("B1");
        assertThat(bad.getString(1)).isEqualTo("REJECTED");
        assertThat(bad.<String>getList(2)).anyMatch(e -> e.contains("user.state") && e.contains("ENABLED"));
    }

    @Test
    void parquetIncidentsGiveTheSameDiagnosesAsTheirJsonLines() throws IOException {
        SparkSession spark = TestSpark.session();
        Path parquet = tmp.resolve("incidents.parquet");
        spark.read().json(EXAMPLES.toString()).write().parquet(parquet.toString());
        AuthDoctorSpark.Diagnoses out = AuthDoctorSpark.diagnose(AuthDoctorSpark.readParquet(spark, List.of(parquet.toString())),
                DiagnoseOptions.defaults());
        List<String> lines = new ArrayList<>(out.diagnosisLines().collectAsList());
        assertThat(out.rejects().count()).isZero();
        List<String> expected = new ArrayList<>();
        library(TestSpark.doctor()).values().forEach(d -> expected.add(DiagnosisJson.toJson(d)));
        Collections.sort(lines);
        Collections.sort(expected);
        assertThat(lines).isEqualTo(expected);
    }

    @Test
    void theDatasetApiReadsCsvWithAColumnMapAndGivesBatchsLinesRejectsAndLineNumbers() throws IOException {
        Path csv = TestSpark.root().resolve("examples/ticket-export.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        lines.add("TKT0039004,only,three"); // a short row: rejected, naming its line
        Path input = tmp.resolve("tickets.csv");
        Files.write(input, lines);
        ColumnMap map = ColumnMap.read(TestSpark.root().resolve("examples/ticket-export.map.json"));
        SparkBatchTest.batch(List.of(input.toString()), tmp.resolve("batch"), map);

        AuthDoctorSpark.Diagnoses out = AuthDoctorSpark.diagnose(
                AuthDoctorSpark.read(TestSpark.session(), List.of(input.toString()), null, map), DiagnoseOptions.defaults());
        assertThat(out.diagnosisLines().collectAsList()).isEqualTo(Files.readAllLines(tmp.resolve("batch/diagnoses.jsonl")));
        assertThat(out.rejectLines().collectAsList()).isEqualTo(Files.readAllLines(tmp.resolve("batch/rejects.jsonl")));
        Row reject = out.rejects().first();
        assertThat(reject.<Long>getAs("line")).isEqualTo(lines.size());
        assertThat(reject.<String>getAs("reason")).startsWith("line " + lines.size() + ": ");
        // the typed columns: the ticket with a 540 s clock offset is found to have a drifting clock
        Row drift = out.diagnoses().filter("incidentId = 'TKT0031001'")
                .selectExpr("outcome", "array_contains(flatten(problems.causes), 'CLOCK_DRIFT')").first();
        assertThat(drift.getString(0)).isEqualTo("DIAGNOSED");
        assertThat(drift.getBoolean(1)).isTrue();
    }

    @Test
    void theSqlFunctionDiagnosesAContractShapedParquetTable() throws IOException {
        SparkSession spark = TestSpark.session();
        AuthDoctorSpark.register(spark, DiagnoseOptions.defaults());
        Path parquet = tmp.resolve("table.parquet");
        spark.read().json(EXAMPLES.toString()).write().parquet(parquet.toString());
        spark.read().parquet(parquet.toString()).createOrReplaceTempView("incident_table");
        List<Row> rows = spark.sql("SELECT d.incidentId, d.outcome, d.problems.id FROM (SELECT "
                + AuthDoctorSpark.FUNCTION + "(to_json(struct(*))) AS d FROM incident_table)").collectAsList();
        TreeMap<String, Diagnosis> expected = library(TestSpark.doctor());
        assertThat(rows).hasSize(expected.size());
        for (Row r : rows) {
            Diagnosis d = expected.get(r.getString(0));
            assertThat(d).as(r.getString(0)).isNotNull();
            assertThat(r.getString(1)).isEqualTo(d.outcome().name());
            assertThat(r.<String>getList(2)).isEqualTo(d.problemIds());
        }
    }

    @Test
    void anExecutorBuildsItsTroubleshooterFromTheShippedFilesAndAnswersAsTheDriver() throws IOException {
        // On a cluster an executor has no pack folder: it compiles the shipped copies, pinned to the driver's hash.
        // (In local mode tasks use the driver's troubleshooter; here the executor's way is taken on purpose.)
        DiagnoseOptions options = DiagnoseOptions.builder().addPack(EXTENDED).build();
        try (Troubleshooter driver = Troubleshooter.builder().addPack(EXTENDED).build();
             Troubleshooter executor = Doctors.build(options)) {
            assertThat(executor.packs().stream().map(DiagnoseOptions::describe).toList()).isEqualTo(options.packs());
            assertThat(library(executor).values().stream().map(DiagnosisJson::toJson).toList())
                    .isEqualTo(library(driver).values().stream().map(DiagnosisJson::toJson).toList());
        }
    }

    @Test
    void oneTroubleshooterPerJvmHoweverManyTasksAndTheSameAnswersOnARerun() {
        SparkSession spark = TestSpark.session();
        // options of their own: no other test has built a troubleshooter for them
        int before = Doctors.builds();
        DiagnoseOptions options = DiagnoseOptions.builder().supportContact("helpdesk-per-jvm@example.test").build();
        Dataset<Row> records = AuthDoctorSpark.read(spark, List.of(EXAMPLES.toString(), EXAMPLES.toString()), null, ColumnMap.NONE)
                .repartition(8);
        Dataset<String> lines = AuthDoctorSpark.diagnose(records, options).diagnosisLines();
        List<String> first = new ArrayList<>(lines.collectAsList());
        List<String> again = new ArrayList<>(lines.collectAsList());
        assertThat(Doctors.builds() - before).isEqualTo(1);
        assertThat(first).hasSize(26).allMatch(l -> l.contains("helpdesk-per-jvm@example.test") || !l.contains("support@"));
        Collections.sort(first);
        Collections.sort(again);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aPackIsShippedByContentAndItsPinnedHashIsChecked() throws IOException {
        // Compiling the extended pack costs seconds: it is compiled once, on the driver, and tasks in this JVM use it.
        DiagnoseOptions good = DiagnoseOptions.builder().addPack(EXTENDED).build();
        String pinned = good.packs().get(good.packs().size() - 1);
        assertThat(pinned).startsWith("idaas-extended ");
        String hash = pinned.substring(pinned.lastIndexOf("sha256:") + 7);

        // altered on the way to the executors: the executor refuses it, by the library's own pack hashing
        List<DiagnoseOptions.Pack> tampered = new ArrayList<>();
        for (DiagnoseOptions.Pack p : good.shipped()) {
            var files = new java.util.TreeMap<>(p.files());
            String first = files.keySet().stream().filter(k -> k.endsWith(".drl")).findFirst().orElseThrow();
            files.put(first, (new String(files.get(first), StandardCharsets.UTF_8) + "\n// altered\n").getBytes(StandardCharsets.UTF_8));
            tampered.add(new DiagnoseOptions.Pack(p.folderName(), p.archive(), files, p.sha256()));
        }
        DiagnoseOptions altered = new DiagnoseOptions(tampered, true, null, good.packs());
        Dataset<Row> records = AuthDoctorSpark.read(TestSpark.session(), List.of(EXAMPLES.toString()), null, ColumnMap.NONE);
        assertThatThrownBy(() -> AuthDoctorSpark.diagnose(records, altered).results().count())
                .hasStackTraceContaining("does not match its pinned hash").hasStackTraceContaining(hash);

        // as shipped: the executors run the extended pack's rules
        List<Row> packs = AuthDoctorSpark.diagnose(records, good).diagnoses().selectExpr("explode(rulePacks)").distinct().collectAsList();
        assertThat(packs.stream().map(r -> r.getString(0))).anyMatch(p -> p.startsWith("idaas-extended "));

        // the job pinned to another hash: refused on the driver, before any task, and nothing written
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int refused = SparkBatch.run(TestSpark.session(), new String[]{"batch", EXAMPLES.toString(), "--out", tmp.resolve("no").toString(),
                "--rules", EXTENDED.toString(), "--pack-sha256", "0".repeat(64)}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not match its pinned hash");
        assertThat(tmp.resolve("no")).doesNotExist();
    }
}
