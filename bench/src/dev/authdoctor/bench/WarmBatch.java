package dev.authdoctor.bench;

import dev.authdoctor.cli.Main;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code authdoctor batch} and the hand-written pass over the same export, round after round in one JVM, so that from
 * the second round on both run on compiled code: what a batch would cost with the JIT's warm-up paid (issue 12's
 * "pay the warm-up once"). Each round prints both wall times and their ratio.
 * <p>
 * Usage: {@code WarmBatch EXPORT.jsonl ROUNDS WORKDIR} (bench/warm-batch.sh builds the export and the class path).
 */
public final class WarmBatch {

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "dev/authdoctor/cli/logback-cli.xml");
        String export = args[0];
        int rounds = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        for (int round = 1; round <= rounds; round++) {
            Path out = work.resolve("warm-out");
            delete(out);
            long t0 = System.nanoTime();
            int code = Main.run(System.in, new PrintWriter(OutputStream.nullOutputStream()), new PrintWriter(System.err, true),
                    "batch", export, "--out", out.toString(), "--quiet");
            long t1 = System.nanoTime();
            HandWrittenPass.main(new String[] {export, work.resolve("warm-hand.jsonl").toString()});
            long t2 = System.nanoTime();
            if (code != 0) {
                throw new IllegalStateException("batch exited " + code);
            }
            System.out.printf("round %d: batch %6d ms, hand-written %5d ms, ratio %.1fx%s%n", round, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t1 - t0) / (double) (t2 - t1), round == 1 ? " (both cold)" : "");
        }
    }

    private static void delete(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
