package dev.authdoctor.bench;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.batch.Batch;
import dev.authdoctor.batch.BatchOptions;
import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.batch.RealisticExportGenerator;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.IncidentTree;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.RecordSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Batch throughput against the cheapest pass that could stand in for it: read and check each record,
 * write it back, no rules. Run through {@code bench/batch-bench.sh}; not a test.
 *
 * <pre>
 * BatchBench [records] [threads]      time both passes over a generated export and print the ratio
 * BatchBench --generate N FILE         only write a generated export: full IDaaS records, about 480 bytes a line
 *                                      ({@link RealisticExportGenerator}; cold-batch.sh, memory checks)
 * BatchBench --generate --slim N FILE  the same with only the fields the rules read, about 160 bytes a line
 * </pre>
 * The timed passes still use the slim records, as the figures in BENCHMARKS.md were measured on them.
 */
public final class BatchBench {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--generate")) {
            generate(args);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("authdoctor-bench");
        Path input = dir.resolve("export.jsonl");
        Files.write(input, new ExportGenerator(1).jsonLines(n, 0.03));
        Path warm = dir.resolve("warm.jsonl");
        Files.write(warm, new ExportGenerator(2).jsonLines(100_000, 0.03));
        Troubleshooter doctor = Troubleshooter.create();

        // Warm both paths up, so the timed passes measure steady state rather than the JIT (Drools' code
        // paths are deep: a batch run takes a few hundred thousand records to reach full speed).
        for (int k = 0; k < 3; k++) {
            parseAndWriteBack(warm, dir.resolve("warm-copy.jsonl"));
            runBatch(doctor, warm, dir.resolve("warm-out" + k), threads);
        }

        long t0 = System.nanoTime();
        long copied = parseAndWriteBack(input, dir.resolve("copy.jsonl"));
        long t1 = System.nanoTime();
        long diagnosed = runBatch(doctor, input, dir.resolve("out"), threads);
        long t2 = System.nanoTime();

        double plain = copied / ((t1 - t0) / 1e9);
        double batch = diagnosed / ((t2 - t1) / 1e9);
        System.out.printf(Locale.ROOT, "records: %,d (3%% malformed), threads: %d, cores: %d%n", n, threads, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "no-rules pass (parse, validate, write back; 1 thread): %,10.0f records/s%n", plain);
        System.out.printf(Locale.ROOT, "batch (parse, validate, diagnose, write; %d threads):   %,10.0f records/s%n", threads, batch);
        System.out.printf(Locale.ROOT, "ratio batch / no-rules: %.2f (target >= 0.50)%n", batch / plain);
    }

    private static void generate(String[] args) throws Exception {
        boolean slim = args.length == 4 && args[1].equals("--slim");
        if (args.length != (slim ? 4 : 3)) {
            System.err.println("usage: BatchBench --generate [--slim] N FILE");
            System.exit(2);
        }
        int n = Integer.parseInt(args[slim ? 2 : 1]);
        Path file = Path.of(args[slim ? 3 : 2]);
        if (slim) {
            Files.write(file, new ExportGenerator(1).jsonLines(n, 0.03));
            return;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            new RealisticExportGenerator(1).write(n, 0.03, out);
        }
    }

    /** The floor: every record read and checked against the contract as batch does, then written back. */
    static long parseAndWriteBack(Path input, Path output) throws Exception {
        IncidentReader reader = new IncidentReader();
        JsonMapper mapper = JsonMapper.builder().build();
        long count = 0;
        try (InputStream in = Files.newInputStream(input);
             RecordSource source = new JsonLinesSource(in, reader);
             Writer out = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), 1 << 16)) {
            RecordSource.Record r;
            while ((r = source.next()) != null) {
                if (r.result() instanceof ReadResult.Accepted a) {
                    out.write(mapper.writeValueAsString(IncidentTree.toTree(a.incident())));
                } else {
                    out.write(r.raw());
                }
                out.write('\n');
                count++;
            }
        }
        return count;
    }

    static long runBatch(Troubleshooter doctor, Path input, Path out, int threads) throws Exception {
        BatchOptions options = new BatchOptions(List.of(input.toString()), out, null, null, threads, false, -1,
                Troubleshooter.DEFAULT_SUPPORT_CONTACT);
        return new Batch(options, doctor).run(new ByteArrayInputStream(new byte[0])).summary().read();
    }
}
