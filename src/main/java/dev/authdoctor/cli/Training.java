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
 * dev.authdoctor.cli.Training EXAMPLES OUT_DIR}; prints nothing, exits 0 when both runs succeed.
 */
public final class Training {

    /** Copies of the examples in the training batch: enough for every batch code path, a second or so. */
    static final int BATCH_COPIES = 24;

    private Training() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp authdoctor-cli.jar dev.authdoctor.cli.Training EXAMPLES.jsonl OUT_DIR");
            System.exit(2);
        }
        System.exit(run(args[0], args[1]));
    }

    static int run(String examples, String outDir) {
        Main.useCommandLineLogging();
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        InputStream in = InputStream.nullInputStream();
        List<String> batch = new ArrayList<>(List.of("batch", "--quiet", "--out", outDir));
        batch.addAll(Collections.nCopies(BATCH_COPIES, examples));
        int diagnosed = Main.run(in, none, none, "diagnose", examples);
        int batched = Main.run(in, none, none, batch.toArray(String[]::new));
        return diagnosed == 0 && batched == 0 ? 0 : 1;
    }
}
