package dev.authdoctor.spark;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.ColumnMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * authdoctor on Spark: read exports into incident records, diagnose them with typed columns, and a SQL function.
 *
 * <pre>{@code
 * DiagnoseOptions rules = DiagnoseOptions.builder().addPack(Path.of("packs/idaas-extended")).build();
 * Dataset<Row> incidents = AuthDoctorSpark.read(spark, List.of("s3a://bucket/export/"), null, ColumnMap.NONE);
 * AuthDoctorSpark.Diagnoses out = AuthDoctorSpark.diagnose(incidents, rules);
 * out.results().persist(StorageLevel.DISK_ONLY());       // both views below come from one diagnosis pass
 * out.diagnoses().write().parquet("s3a://bucket/diagnoses");
 * out.rejects().write().json("s3a://bucket/rejects");
 * }</pre>
 */
public final class AuthDoctorSpark {

    /** The name of the SQL function {@link #register} adds. */
    public static final String FUNCTION = "authdoctor_diagnose";

    private AuthDoctorSpark() {
    }

    /**
     * Every record's result in input order ({@link Schemas#RESULTS}), and two views of it.
     *
     * @param results the diagnoses and rejects together; persist it when both views are used
     */
    public record Diagnoses(Dataset<Row> results) {
        /** Accepted records: file, line, incidentId, outcome (DIAGNOSED or NO_MATCH), problems, steps, escalation, rulePacks. */
        public Dataset<Row> diagnoses() {
            return results.filter(functions.col("json").isNotNull()).select(cols(Schemas.DIAGNOSIS_COLUMNS));
        }

        /** Rejected records, with batch's reasons: file, line, incidentId, reason, errors, raw, rawLength. */
        public Dataset<Row> rejects() {
            return results.filter(functions.col("rejectJson").isNotNull()).select(cols(Schemas.REJECT_COLUMNS));
        }

        /** The diagnoses as the lines of batch's diagnoses.jsonl, in input order. */
        public Dataset<String> diagnosisLines() {
            return results.filter(functions.col("json").isNotNull()).select("json").as(Encoders.STRING());
        }

        /** The rejects as the lines of batch's rejects.jsonl, in input order. */
        public Dataset<String> rejectLines() {
            return results.filter(functions.col("rejectJson").isNotNull()).select("rejectJson").as(Encoders.STRING());
        }

        /** The diagnoses as the rows of batch's diagnoses.csv, in input order (made only for the job's CSV inputs). */
        Dataset<String> csvRows() {
            return results.filter(functions.col("csv").isNotNull()).select("csv").as(Encoders.STRING());
        }

        /** The job's own pass: per file, the records read ({@code counted}) and their lines' hash ({@code linesHash}). */
        Dataset<Row> counted() {
            return results.filter(functions.col("counted").isNotNull()).select("file", "counted", "linesHash");
        }
    }

    private static Column[] cols(String[] names) {
        return Arrays.stream(names).map(functions::col).toArray(Column[]::new);
    }

    /**
     * Incident records from files or folders of JSON Lines, CSV (with batch's column map) or Parquet, in input order.
     * Text inputs give {@link Schemas#RECORDS} rows with batch's line numbers and read errors; Parquet gives the
     * contract-shaped rows it holds (as {@link #readParquet}).
     *
     * @param format the format of every input, or null to go by each file's name, as batch does
     * @param map    a foreign export's columns, for CSV; {@link ColumnMap#NONE} for none
     * @throws IllegalArgumentException naming the input when one cannot be read or a CSV header is wrong
     */
    public static Dataset<Row> read(SparkSession spark, List<String> inputs, Format format, ColumnMap map) {
        return read(spark, inputs, format, map, Inputs.DEFAULT_SLICE_BYTES);
    }

    /** As {@link #read(SparkSession, List, Format, ColumnMap)}, splitting JSON Lines files into slices of about {@code sliceBytes}. */
    public static Dataset<Row> read(SparkSession spark, List<String> inputs, Format format, ColumnMap map, long sliceBytes) {
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        List<Inputs.InputFile> files = Inputs.list(conf, inputs, format);
        List<String> parquet = files.stream().filter(f -> f.format() == Format.PARQUET).map(Inputs.InputFile::path).toList();
        if (!parquet.isEmpty()) {
            if (parquet.size() != files.size()) {
                throw new IllegalArgumentException("Parquet and text inputs cannot be mixed in one run");
            }
            return readParquet(spark, parquet);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Slice> slices = Inputs.slices(sc, conf, files, map, sliceBytes);
        SliceReader reader = new SliceReader(conf, map);
        // One partition per slice, in input order: results keep it, so part files concatenate to batch's order.
        JavaRDD<Row> rows = sc.parallelize(slices, Math.max(1, slices.size())).mapPartitions(it -> {
            List<Iterator<Row>> parts = new ArrayList<>();
            while (it.hasNext()) {
                parts.add(reader.read(it.next()));
            }
            return parts.stream().flatMap(p -> stream(p)).iterator();
        });
        return spark.createDataFrame(rows, Schemas.RECORDS);
    }

    private static <T> java.util.stream.Stream<T> stream(Iterator<T> it) {
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(it, java.util.Spliterator.ORDERED), false);
    }

    /**
     * Contract-shaped rows (columns {@code id}, {@code symptom}, {@code error}, {@code user}, ... as nested structs)
     * from Parquet, as {@link Schemas#RECORDS}: each row's non-null columns as contract JSON, checked by
     * {@link #diagnose}. {@code file} names the Parquet file; {@code line} is null (Parquet has no lines).
     */
    public static Dataset<Row> readParquet(SparkSession spark, List<String> paths) {
        return asRecords(spark.read().parquet(paths.toArray(String[]::new)));
    }

    /** Contract-shaped rows as {@link Schemas#RECORDS}; records already in that shape are returned as they are. */
    static Dataset<Row> asRecords(Dataset<Row> incidents) {
        if (Arrays.asList(incidents.columns()).containsAll(List.of("incident", "errors", "line", "file"))) {
            return incidents.select(cols(Arrays.stream(Schemas.RECORDS.fields()).map(StructField::name).toArray(String[]::new)));
        }
        // to_json leaves null columns out: an unknown fact, as in the contract
        return incidents.select(functions.input_file_name().as("file"), functions.lit(null).cast("long").as("line"),
                functions.lit(null).cast("string").as("raw"),
                functions.to_json(functions.struct(cols(incidents.columns()))).as("incident"),
                functions.lit(null).cast("string").as("incidentId"),
                functions.lit(null).cast("array<string>").as("errors"));
    }

    /**
     * Diagnoses incidents: records from {@link #read}, or contract-shaped rows (Parquet, a table). One troubleshooter
     * per executor JVM, built from the rules shipped in {@code options}. Every record gives one result row, in order.
     */
    public static Diagnoses diagnose(Dataset<Row> incidents, DiagnoseOptions options) {
        Dataset<Row> records = asRecords(incidents);
        JavaRDD<Row> results = records.javaRDD().mapPartitions(it -> new Pass(it, new Diagnoser(Doctors.of(options), false), false));
        return new Diagnoses(records.sparkSession().createDataFrame(results, Schemas.RESULTS));
    }

    /**
     * The job's one pass over its inputs: each slice read and diagnosed in the same task (no table in between), every
     * partition closed by its {@link Diagnoses#counted()} rows, and, with {@code csv}, batch's diagnoses.csv rows.
     */
    static Diagnoses diagnoseInputs(SparkSession spark, List<Inputs.InputFile> files, ColumnMap map, long sliceBytes,
                                    DiagnoseOptions options, boolean csv) {
        JavaRDD<Row> results;
        if (files.stream().anyMatch(f -> f.format() == Format.PARQUET)) {
            if (files.stream().anyMatch(f -> f.format() != Format.PARQUET)) {
                throw new IllegalArgumentException("Parquet and text inputs cannot be mixed in one run");
            }
            results = asRecords(Globs.literal(spark).parquet(files.stream().map(Inputs.InputFile::path).toArray(String[]::new))).javaRDD()
                    .mapPartitions(it -> new Pass(it, new Diagnoser(Doctors.of(options), csv), true));
        } else {
            HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<Slice> slices = Inputs.slices(sc, conf, files, map, sliceBytes);
            SliceReader reader = new SliceReader(conf, map);
            // One partition per slice, in input order: the part files concatenate to batch's order.
            results = sc.parallelize(slices, Math.max(1, slices.size())).mapPartitions(it -> {
                List<Iterator<Row>> parts = new ArrayList<>();
                while (it.hasNext()) {
                    parts.add(reader.read(it.next()));
                }
                return new Pass(stream(parts.iterator()).flatMap(AuthDoctorSpark::stream).iterator(),
                        new Diagnoser(Doctors.of(options), csv), true);
            });
        }
        return new Diagnoses(spark.createDataFrame(results, Schemas.RESULTS));
    }

    /**
     * For tests only: the task of this partition fails on its first attempt after this many records, so a test can
     * show that Spark's retry gives the same outputs. {@code {partition, records}}, or null (always, outside tests).
     */
    static volatile int[] failFirstAttempt;
    /** For tests: how many failures {@link #failFirstAttempt} caused. */
    static final java.util.concurrent.atomic.AtomicInteger FAILURES_INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    /** A partition's results, in order; with {@code counted}, then one {@link Diagnoser#counted} row per file. */
    private static final class Pass implements Iterator<Row> {
        private final Iterator<Row> records;
        private final Diagnoser diagnoser;
        private final Map<String, long[]> files; // file -> {records, lines' hash}; null: not counted
        private Iterator<Row> closing;
        private long done;

        Pass(Iterator<Row> records, Diagnoser diagnoser, boolean counted) {
            this.records = records;
            this.diagnoser = diagnoser;
            this.files = counted ? new LinkedHashMap<>() : null;
        }

        @Override
        public boolean hasNext() {
            if (records.hasNext()) {
                return true;
            }
            if (files == null) {
                return false;
            }
            if (closing == null) {
                closing = files.entrySet().stream().map(e -> Diagnoser.counted(e.getKey(), e.getValue()[0], e.getValue()[1])).iterator();
            }
            return closing.hasNext();
        }

        @Override
        public Row next() {
            if (!records.hasNext()) {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return closing.next();
            }
            int[] fail = failFirstAttempt;
            TaskContext task = TaskContext.get();
            if (fail != null && task != null && task.attemptNumber() == 0 && task.partitionId() == fail[0] && done == fail[1]) {
                FAILURES_INJECTED.incrementAndGet();
                throw new IllegalStateException("failure injected by a test into the first attempt of partition " + fail[0]);
            }
            Row record = records.next();
            done++;
            if (files != null) {
                long[] f = files.computeIfAbsent(record.getString(0), k -> new long[2]);
                f[0]++;
                if (!record.isNullAt(1)) {
                    f[1] += Schemas.lineHash(record.getLong(1));
                }
            }
            return diagnoser.result(record);
        }
    }

    /**
     * Registers {@code authdoctor_diagnose(incident_json)} on the session: the incident as contract JSON (a JSON
     * Lines line, or {@code to_json(struct(*))} of a contract-shaped row) to a {@link Schemas#DIAGNOSIS} struct.
     * Invalid input gives outcome REJECTED with its errors; never an exception.
     * <pre>{@code SELECT d.outcome, d.problems.id FROM (SELECT authdoctor_diagnose(value) AS d FROM incidents)}</pre>
     */
    public static void register(SparkSession spark, DiagnoseOptions options) {
        UDF1<String, Row> fn = json -> {
            if (json == null) {
                return Schemas.diagnosis(Diagnosis.rejected(null, List.of("empty record: expected a JSON object")));
            }
            ReadResult read = IncidentJson.read(json);
            if (read instanceof ReadResult.Rejected r) {
                return Schemas.diagnosis(Diagnosis.rejected(r.incidentId(), r.errors()));
            }
            return Schemas.diagnosis(Doctors.of(options).diagnose(((ReadResult.Accepted) read).incident()));
        };
        spark.udf().register(FUNCTION, fn, Schemas.DIAGNOSIS);
    }
}
