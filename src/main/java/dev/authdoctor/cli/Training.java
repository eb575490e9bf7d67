package dev.authdoctor.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The launcher's training run for its startup cache (a class-data-sharing archive on Java 17 to 24, an AOT cache on
 * 25 and newer): one JVM that diagnoses the examples and then batches copies of them, so the cache holds what both
 * commands load (and, on 25, their methods' profiles). Not a command: {@code java -cp authdoctor-cli.jar
 * dev.authdoctor.cli.Training EXAMPLES OUT_DIR [EXPORT]}; prints nothing, exits 0 when both runs succeed.
 * <p>
 * EXPORT, a generated export of every row with a few malformed lines ({@code examples/export-1000.jsonl}), is
 * diagnosed and batched too: on 25 the profiles of a varied export let the JIT compile the batch's hot code for what
 * an export holds from the start: a cold 300,000-record batch took 0.93 of the time it took with a cache trained on
 * the examples alone, where more copies of the examples gave 0.98 (BENCHMARKS.md, "Cold batch").
 */
public final class Training {

    /** Copies of the examples in the training batch: enough for every batch code path, a second or so. */
    static final int BATCH_COPIES = 24;

    private Training() {
    }

    public static void main(String[] args) {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: java -cp authdoctor-cli.jar dev.authdoctor.cli.Training EXAMPLES.jsonl OUT_DIR [EXPORT.jsonl]");
            System.exit(2);
        }
        System.exit(run(args[0], args[1], args.length == 3 ? args[2] : null));
    }

    /**
     * @param export a generated export to diagnose and batch as well; null for the examples alone
     * @return 0 when both runs succeeded
     */
    static int run(String examples, String outDir, String export) {
        Main.useCommandLineLogging();
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        InputStream in = InputStream.nullInputStream();
        List<String> batch = new ArrayList<>(List.of("batch", "--quiet", "--out", outDir));
        batch.addAll(Collections.nCopies(BATCH_COPIES, examples));
        int diagnosed = Main.run(in, none, none, "diagnose", examples);
        if (export != null) {
            batch.addAll(Collections.nCopies(BATCH_COPIES, export));
            diagnosed = Math.max(diagnosed, Main.run(in, none, none, "diagnose", export));
        }
        int batched = Main.run(in, none, none, batch.toArray(String[]::new));
        return diagnosed == Main.EXIT_OK && batched == Main.EXIT_OK ? 0 : 1;
    }
}
