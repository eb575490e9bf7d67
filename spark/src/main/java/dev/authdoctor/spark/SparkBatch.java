package dev.authdoctor.spark;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.batch.RunOutputs;
import dev.authdoctor.io.ColumnMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
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
            Dataset<Row> records = AuthDoctorSpark.read(spark, args.inputs(), args.format(), map, args.sliceBytes());
            AuthDoctorSpark.Diagnoses d = AuthDoctorSpark.diagnose(records, options);
            // One diagnosis pass feeds the three outputs; on disk, so memory stays flat whatever the export's size.
            d.results().persist(StorageLevel.DISK_ONLY());
            try {
                d.diagnoses().write().parquet(child(out, DIAGNOSES_PARQUET));
                d.diagnosisLines().write().text(child(out, DIAGNOSES));
                d.rejectLines().write().text(child(out, REJECTS));
            } finally {
                d.results().unpersist();
            }
            long read = AuthDoctorSpark.count(spark, args.inputs(), args.format(), map, args.sliceBytes());
            Counted c = count(spark, out, read, args, started);
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
     * The run's counts, from what was written (never from accumulators, which count a retried task twice), checked
     * against an independent count of the inputs' records: read = diagnosed + no match + rejected; diagnoses.jsonl
     * holds one line per Parquet row; no record is written twice.
     */
    static Counted count(SparkSession spark, Path out, long read, Args args, long startedNanos) {
        Dataset<Row> p = spark.read().parquet(child(out, DIAGNOSES_PARQUET));
        Dataset<Row> r = spark.read().text(child(out, REJECTS))
                .select(functions.get_json_object(col("value"), "$.file").as("file"),
                        functions.get_json_object(col("value"), "$.line").cast("long").as("line"));
        long jsonLines = spark.read().text(child(out, DIAGNOSES)).count();
        Map<String, Long> outcomes = collect(p.groupBy("outcome").count());
        long diagnosed = outcomes.getOrDefault("DIAGNOSED", 0L);
        long noMatch = outcomes.getOrDefault("NO_MATCH", 0L);
        long rejected = r.count();
        Dataset<Row> problems = p.select(functions.explode(col("problems")).as("p"));
        Map<String, Long> perProblem = new TreeMap<>(collect(problems.groupBy(col("p.id")).count()));
        Map<String, Long> perCause = new TreeMap<>(collect(problems.select(functions.explode(col("p.causes")).as("c")).groupBy("c").count()));
        Map<String, Long> conditions = new TreeMap<>(collect(p.filter(col("escalation").isNotNull())
                .groupBy(col("escalation.condition")).count()));
        Map<String, Long> nowOrLater = collect(p.filter(col("escalation").isNotNull())
                .groupBy(col("escalation.now").cast("string")).count());
        Map<String, Long> unrecognised = new LinkedHashMap<>();
        for (Row row : p.filter(col("unrecognised").isNotNull()).groupBy("unrecognised").count()
                .orderBy(col("count").desc(), col("unrecognised").asc()).limit(20).collectAsList()) {
            unrecognised.put(row.getString(0), row.getLong(1));
        }
        Map<String, Long> perFile = new TreeMap<>(collect(p.select("file").union(r.select("file")).groupBy("file").count()));
        Map<String, Long> perInput = new LinkedHashMap<>();
        for (String input : args.inputs()) { // a file given by name first, in input order, as batch lists them
            Long n = perFile.remove(input);
            if (n != null) {
                perInput.put(input, n);
            }
        }
        perFile.forEach((k, v) -> perInput.merge(k, v, Long::sum));
        long written = diagnosed + noMatch + rejected;
        long distinct = p.select("file", "line").union(r).filter(col("line").isNotNull()).distinct().count();
        long withLines = p.filter(col("line").isNotNull()).count() + r.filter(col("line").isNotNull()).count();
        var counts = new RunOutputs.Counts(read, diagnosed, noMatch, rejected, nowOrLater.getOrDefault("true", 0L),
                nowOrLater.getOrDefault("false", 0L), perProblem, perCause, conditions, unrecognised, perInput,
                (System.nanoTime() - startedNanos) / 1_000_000);
        String difference = null;
        if (read != written) {
            difference = read + " read from the inputs, but diagnosed " + diagnosed + " + no match " + noMatch + " + rejected "
                    + rejected + " = " + written + " written";
        } else if (jsonLines != diagnosed + noMatch) {
            difference = DIAGNOSES + " holds " + jsonLines + " lines, but " + DIAGNOSES_PARQUET + " " + (diagnosed + noMatch) + " rows";
        } else if (distinct != withLines) {
            difference = (withLines - distinct) + " record(s) written twice";
        }
        return new Counted(counts, difference);
    }

    private static Map<String, Long> collect(Dataset<Row> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Row row : counts.collectAsList()) {
            m.put(row.isNullAt(0) ? "null" : row.get(0).toString(), row.getLong(1));
        }
        return m;
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        try (FSDataOutputStream o = fs.create(file, false)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
