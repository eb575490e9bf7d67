package dev.authdoctor.spark;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.batch.RunOutputs;
import dev.authdoctor.io.ColumnMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * The spark-submit job: {@code batch INPUT... --out DIR} with batch's options. Writes to DIR:
 * {@code diagnoses.parquet/} (typed columns), {@code diagnoses.jsonl/} (batch's diagnosis lines, part files in input
 * order), {@code rejects.jsonl/} (batch's reject lines), {@code summary.json} and {@code report.html} (batch's own,
 * counted from the written outputs). Exit codes as batch: 0 completed (rejects included), 1 an input could not be read
 * or a record was lost, 2 a usage error.
 */
public final class SparkBatch {

    static final String DIAGNOSES_PARQUET = "diagnoses.parquet";
    static final String DIAGNOSES = "diagnoses.jsonl";
    static final String REJECTS = "rejects.jsonl";
    static final String DIAGNOSES_CSV = "diagnoses.csv";
    static final String SUMMARY = "summary.json";
    static final String REPORT = "report.html";

    static final String USAGE = """
            Usage: authdoctor-spark batch INPUT... --out DIR [--format jsonl|csv|parquet] [--map FILE]
                   [--rules DIR]... [--no-builtin] [--pack-sha256 [DIR=]HASH]... [--support-contact ADDRESS]
                   [--master URL] [--slice-mb N]
            Diagnoses whole exports on Spark, as `authdoctor batch` does on one machine. INPUT is a file or a folder of
            files, on any file system Spark reads (local, hdfs://, s3a://).""";

    private SparkBatch() {
    }

    /** Usage errors: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    record Args(List<String> inputs, String out, Format format, String map, List<String> rules, boolean noBuiltin,
                List<String> pins, String supportContact, String master, long sliceBytes) {

        static Args parse(String[] argv) {
            if (argv.length == 0 || !argv[0].equals("batch")) {
                throw new UsageException(argv.length == 0 ? "a command is needed: batch" : "unknown command '" + argv[0] + "'; the command is batch");
            }
            List<String> inputs = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            List<String> pins = new ArrayList<>();
            String out = null;
            String map = null;
            String contact = null;
            String master = null;
            Format format = null;
            boolean noBuiltin = false;
            long slice = Inputs.DEFAULT_SLICE_BYTES;
            for (int i = 1; i < argv.length; i++) {
                String a = argv[i];
                String v = a.contains("=") && a.startsWith("--") ? a.substring(a.indexOf('=') + 1) : null;
                String name = v != null ? a.substring(0, a.indexOf('=')) : a;
                switch (name) {
                    case "--out" -> out = value(argv, i, v, name);
                    case "--map" -> map = value(argv, i, v, name);
                    case "--rules" -> rules.add(value(argv, i, v, name));
                    case "--pack-sha256" -> pins.add(value(argv, i, v, name));
                    case "--support-contact" -> contact = value(argv, i, v, name);
                    case "--master" -> master = value(argv, i, v, name);
                    case "--format" -> {
                        String f = value(argv, i, v, name);
                        format = Format.parse(f);
                        if (format == null) {
                            throw new UsageException("--format " + f + ": expected jsonl, csv or parquet");
                        }
                    }
                    case "--slice-mb" -> {
                        String n = value(argv, i, v, name);
                        try {
                            slice = (long) (Double.parseDouble(n) * (1 << 20));
                        } catch (NumberFormatException e) {
                            slice = 0;
                        }
                        if (slice < 1) {
                            throw new UsageException("--slice-mb " + n + ": expected a number of MiB above 0");
                        }
                    }
                    case "--no-builtin" -> noBuiltin = true;
                    default -> {
                        if (a.startsWith("--")) {
                            throw new UsageException("unknown option " + a);
                        }
                        inputs.add(a);
                    }
                }
                if (v == null && !name.equals("--no-builtin") && name.startsWith("--")) {
                    i++;
                }
            }
            if (inputs.isEmpty()) {
                throw new UsageException("at least one INPUT is needed");
            }
            if (out == null) {
                throw new UsageException("--out DIR is needed");
            }
            if (noBuiltin && rules.isEmpty()) {
                throw new UsageException("--no-builtin needs at least one --rules DIR");
            }
            return new Args(inputs, out, format, map, rules, noBuiltin, pins, contact, master, slice);
        }

        private static String value(String[] argv, int i, String inline, String name) {
            if (inline != null) {
                return inline;
            }
            if (i + 1 >= argv.length) {
                throw new UsageException(name + " needs a value");
            }
            return argv[i + 1];
        }

        DiagnoseOptions options() {
            DiagnoseOptions.Builder b = DiagnoseOptions.builder();
            Map<java.nio.file.Path, String> pinned = new LinkedHashMap<>();
            for (String pin : pins) {
                int eq = pin.lastIndexOf('=');
                String dir;
                String hash;
                if (eq > 0) {
                    dir = pin.substring(0, eq);
                    hash = pin.substring(eq + 1);
                } else if (rules.size() == 1) {
                    dir = rules.get(0);
                    hash = pin;
                } else {
                    throw new UsageException("--pack-sha256 " + pin + ": say which pack, as DIR=HASH");
                }
                if (!hash.matches("[0-9a-fA-F]{64}")) {
                    throw new UsageException("--pack-sha256 " + pin + ": a SHA-256 is 64 hexadecimal digits");
                }
                java.nio.file.Path key = java.nio.file.Path.of(dir).toAbsolutePath().normalize();
                if (rules.stream().noneMatch(r -> java.nio.file.Path.of(r).toAbsolutePath().normalize().equals(key))) {
                    throw new UsageException("--pack-sha256 " + pin + ": " + dir + " is not one of the --rules folders");
                }
                pinned.put(key, hash);
            }
            for (String r : rules) {
                java.nio.file.Path p = java.nio.file.Path.of(r);
                if (!java.nio.file.Files.exists(p)) {
                    throw new UsageException("--rules " + r + ": no such folder or pack archive");
                }
                String pin = pinned.get(p.toAbsolutePath().normalize());
                if (pin != null) {
                    b.addPinnedPack(p, pin);
                } else {
                    b.addPack(p);
                }
            }
            if (noBuiltin) {
                b.withoutBuiltIn();
            }
            if (supportContact != null) {
                b.supportContact(supportContact);
            }
            return b.build();
        }
    }

    public static void main(String[] argv) {
        Args args;
        try {
            if (argv.length > 1 && (argv[1].equals("--help") || argv[1].equals("-h"))) {
                System.out.println(USAGE);
                return;
            }
            args = Args.parse(argv);
        } catch (UsageException e) {
            System.err.println("authdoctor-spark: " + e.getMessage() + "\nTry 'authdoctor-spark batch --help' for more information.");
            System.exit(2);
            return;
        }
        SparkSession.Builder b = SparkSession.builder().appName("authdoctor batch");
        if (args.master() != null) {
            b.master(args.master());
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            b.master("local[*]"); // run without spark-submit: this machine's cores
        }
        String master = args.master() != null ? args.master() : new org.apache.spark.SparkConf().get("spark.master", "local[*]");
        if (master.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4");
        }
        int code;
        SparkSession spark = b.getOrCreate();
        try {
            spark.sparkContext().setLogLevel("WARN");
            code = run(spark, args, System.err);
        } finally {
            spark.stop();
        }
        System.exit(code);
    }

    /** Runs the job on a session; returns the exit code. Messages go to {@code err}. */
    static int run(SparkSession spark, String[] argv, PrintStream err) {
        try {
            return run(spark, Args.parse(argv), err);
        } catch (UsageException e) {
            err.println("authdoctor-spark: " + e.getMessage() + "\nTry 'authdoctor-spark batch --help' for more information.");
            return 2;
        }
    }

    static int run(SparkSession spark, Args args, PrintStream err) {
        long started = System.nanoTime();
        try {
            Path out = new Path(args.out());
            FileSystem fs;
            try {
                fs = HadoopConf.fileSystem(out, spark.sparkContext().hadoopConfiguration());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write to " + args.out() + ": " + e.getMessage(), e);
            }
            if (fs.exists(out) && fs.listStatus(out).length > 0) {
                throw new UsageException(args.out() + " holds files: give a new or empty folder as --out");
            }
            ColumnMap map = ColumnMap.NONE;
            if (args.map() != null) {
                try {
                    map = ColumnMap.read(java.nio.file.Path.of(args.map()));
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new UsageException("--map " + args.map() + ": no such file");
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--map " + e.getMessage());
                }
            }
            DiagnoseOptions options = args.options();
            HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
            List<Inputs.InputFile> files = Inputs.list(conf, args.inputs(), args.format());
            boolean csv = files.stream().anyMatch(f -> f.format() == Format.CSV); // as batch: diagnoses.csv for CSV inputs
            AuthDoctorSpark.Diagnoses d = AuthDoctorSpark.diagnoseInputs(spark, files, map, args.sliceBytes(), options, csv);
            // One diagnosis pass feeds every output; kept on disk, so memory stays flat whatever the export's size.
            d.results().persist(StorageLevel.DISK_ONLY());
            Map<String, long[]> read = new TreeMap<>();
            try {
                d.diagnoses().write().parquet(child(out, DIAGNOSES_PARQUET));
                d.diagnosisLines().write().text(child(out, DIAGNOSES));
                d.rejectLines().write().text(child(out, REJECTS));
                if (csv) {
                    String header = RunOutputs.DIAGNOSES_CSV_HEADER.substring(0, RunOutputs.DIAGNOSES_CSV_HEADER.length() - 1);
                    // a header atop every part file, as Spark's own CSV writer does: spark.read().option("header", true).csv(DIR)
                    d.csvRows().mapPartitions((MapPartitionsFunction<String, String>) rows -> rows.hasNext()
                            ? java.util.stream.Stream.concat(java.util.stream.Stream.of(header), stream(rows)).iterator() : rows,
                            Encoders.STRING()).write().text(child(out, DIAGNOSES_CSV));
                }
                // What the pass read, per file: from the rows that close its partitions (a retried task's replace its
                // failed attempt's), so the inputs are not read a second time.
                for (Row r : d.counted().collectAsList()) {
                    long[] f = read.computeIfAbsent(r.getString(0), k -> new long[2]);
                    f[0] += r.getLong(1);
                    f[1] += r.getLong(2);
                }
            } finally {
                d.results().unpersist();
            }
            Counted c = count(spark, conf, out, read, args, csv, RunOutputs.MAX_DISTINCT_MESSAGES, started);
            String packsNote = String.join(", ", options.rulePacks());
            int threads = spark.sparkContext().defaultParallelism();
            write(fs, new Path(out, SUMMARY), RunOutputs.summaryJson(c.counts(), options.rulePacks(), threads));
            write(fs, new Path(out, REPORT), RunOutputs.report(c.counts(), options.rulePacks(), args.inputs()));
            if (c.difference() != null) {
                err.println("authdoctor-spark: records were lost: " + c.difference());
                return 1;
            }
            err.printf("authdoctor-spark: %d record(s) read, %d diagnosed, %d no match, %d rejected; rules %s; results in %s%n",
                    c.counts().read(), c.counts().diagnosed(), c.counts().noMatch(), c.counts().rejected(), packsNote, args.out());
            return 0;
        } catch (UsageException e) {
            err.println("authdoctor-spark: " + e.getMessage() + "\nTry 'authdoctor-spark batch --help' for more information.");
            return 2;
        } catch (RulePackException e) {
            err.println("authdoctor-spark: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("authdoctor-spark: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("authdoctor-spark: " + e);
            return 1;
        }
    }

    private static String child(Path out, String name) {
        return new Path(out, name).toString();
    }

    record Counted(RunOutputs.Counts counts, String difference) {
    }

    /**
     * The run's counts, from what was written (never from accumulators, which count a retried task twice), in one
     * pass over the outputs, checked against what the diagnosis pass read: read = diagnosed + no match + rejected;
     * per input file the same number of records and the same lines (none lost, none written twice); diagnoses.jsonl
     * (and diagnoses.csv) hold one line (row) per Parquet row.
     *
     * @param read file -> {records read, their lines' hash}, from the diagnosis pass
     * @param keep the distinct unrecognised messages batch keeps (its summary's first ones, in input order)
     */
    static Counted count(SparkSession spark, HadoopConf conf, Path out, Map<String, long[]> read, Args args, boolean csv,
                         int keep, long startedNanos) throws IOException {
        Dataset<Row> parquet = diagnosesWithPosition(spark, out);
        JavaRDD<Tally> rows = parquet.select(Stream.concat(Arrays.stream(Tally.DIAGNOSIS_COLUMNS), Stream.of("part", "row"))
                        .map(functions::col).toArray(Column[]::new))
                .javaRDD().mapPartitions(it -> List.of(new Tally(keep).addDiagnoses(it)).iterator());
        List<Map.Entry<Tally.Part, String>> parts = new ArrayList<>();
        FileSystem fs = HadoopConf.fileSystem(out, conf.get());
        parts(fs, new Path(out, DIAGNOSES), Tally.Part.DIAGNOSIS_LINES, parts);
        parts(fs, new Path(out, REJECTS), Tally.Part.REJECT_LINES, parts);
        if (csv) {
            parts(fs, new Path(out, DIAGNOSES_CSV), Tally.Part.CSV_ROWS, parts);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Tally> texts = sc.parallelize(parts, Math.max(1, Math.min(parts.size(), 4 * sc.defaultParallelism())))
                .mapPartitions(it -> {
                    Tally t = new Tally(keep);
                    while (it.hasNext()) {
                        Map.Entry<Tally.Part, String> p = it.next();
                        t.addPart(conf, p.getKey(), p.getValue());
                    }
                    return List.of(t).iterator();
                });
        Tally t = rows.union(texts).fold(new Tally(keep), Tally::merge);

        Map<String, Long> unrecognised = new LinkedHashMap<>();
        if (t.unrecognised != null) {
            t.unrecognised.forEach((k, v) -> unrecognised.put(k, v[0]));
        } else {
            // More distinct messages than batch keeps: the first ones in input order (part file, then row), as batch.
            for (Row r : parquet.filter(col("unrecognised").isNotNull()).groupBy("unrecognised")
                    .agg(functions.count("*").as("n"), functions.min(functions.struct("part", "row")).as("first"))
                    .orderBy("first").limit(keep).collectAsList()) {
                unrecognised.put(r.getString(0), r.getLong(1));
            }
        }
        long others = t.unrecognisedRecords - unrecognised.values().stream().mapToLong(Long::longValue).sum();

        Map<String, Long> perInput = new LinkedHashMap<>();
        Map<String, Long> perFile = new TreeMap<>();
        t.files.forEach((k, v) -> perFile.put(k, v[0]));
        for (String input : args.inputs()) { // a file given by name first, in input order, as batch lists them
            Long n = perFile.remove(input);
            if (n != null) {
                perInput.put(input, n);
            }
        }
        perFile.forEach((k, v) -> perInput.merge(k, v, Long::sum));
        long readTotal = read.values().stream().mapToLong(v -> v[0]).sum();
        var counts = new RunOutputs.Counts(readTotal, t.diagnosed, t.noMatch, t.rejected, t.dueNow, t.later, t.problems,
                t.causes, t.conditions, unrecognised, others, perInput, (System.nanoTime() - startedNanos) / 1_000_000);
        return new Counted(counts, difference(read, t, csv));
    }

    /** What does not add up between the pass's reading and the written outputs; null when all does. */
    static String difference(Map<String, long[]> read, Tally t, boolean csv) {
        long readTotal = read.values().stream().mapToLong(v -> v[0]).sum();
        long written = t.diagnosed + t.noMatch + t.rejected;
        if (readTotal != written) {
            return readTotal + " read from the inputs, but diagnosed " + t.diagnosed + " + no match " + t.noMatch + " + rejected "
                    + t.rejected + " = " + written + " written";
        }
        for (String file : new java.util.TreeSet<>(union(read.keySet(), t.files.keySet()))) {
            long[] r = read.getOrDefault(file, new long[2]);
            long[] w = t.files.getOrDefault(file, new long[2]);
            if (r[0] != w[0]) {
                return file + ": " + r[0] + " record(s) read, " + w[0] + " written";
            }
            if (r[1] != w[1]) {
                return file + ": the lines written are not the lines read (a record lost and another written twice)";
            }
        }
        if (t.diagnosisLines != t.diagnosed + t.noMatch) {
            return DIAGNOSES + " holds " + t.diagnosisLines + " lines, but " + DIAGNOSES_PARQUET + " " + (t.diagnosed + t.noMatch) + " rows";
        }
        if (csv && t.csvRows != t.diagnosed + t.noMatch) {
            return DIAGNOSES_CSV + " holds " + t.csvRows + " rows, but " + DIAGNOSES_PARQUET + " " + (t.diagnosed + t.noMatch);
        }
        return null;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** diagnoses.parquet as written, with each row's part file number ({@code part}) and index in it ({@code row}). */
    static Dataset<Row> diagnosesWithPosition(SparkSession spark, Path out) {
        Dataset<Row> p = Globs.literal(spark).parquet(child(out, DIAGNOSES_PARQUET));
        return p.withColumn("part", functions.regexp_extract(col("_metadata.file_name"), "^part-(\\d+)", 1).cast("long"))
                .withColumn("row", col("_metadata.row_index"));
    }

    /** The part files of a text output folder, listed, not globbed. */
    private static void parts(FileSystem fs, Path dir, Tally.Part part, List<Map.Entry<Tally.Part, String>> into) throws IOException {
        for (FileStatus s : fs.listStatus(dir, p -> p.getName().startsWith("part-"))) {
            into.add(new java.util.AbstractMap.SimpleImmutableEntry<>(part, s.getPath().toString())); // serializable
        }
    }

    private static <T> Stream<T> stream(java.util.Iterator<T> it) {
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(it, java.util.Spliterator.ORDERED), false);
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        try (FSDataOutputStream o = fs.create(file, false)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
