package dev.authdoctor.cli;

import dev.authdoctor.batch.Batch;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A one-line progress display on standard error: records, records per second, elapsed time and, when the
 * input's size is known, a bar and the time left. Shown only when standard error is a terminal.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final Supplier<Batch.Progress> progress;
    private final ScheduledExecutorService timer;

    private ProgressBar(PrintWriter err, Supplier<Batch.Progress> progress) {
        this.err = err;
        this.progress = progress;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "authdoctor-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::draw, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** A progress bar, or nothing at all when it would not be seen by a person. */
    static AutoCloseable startIfTerminal(PrintWriter err, Supplier<Batch.Progress> progress, boolean quiet) {
        if (quiet || !stderrIsTerminal()) {
            return () -> { };
        }
        return new ProgressBar(err, progress);
    }

    /** Whether standard error goes to a terminal: on Linux read from /proc, elsewhere guessed from the console. */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through to the portable guess
        }
        return System.console() != null;
    }

    private synchronized void draw() {
        err.print("\r" + line(progress.get(), System.nanoTime()) + "\u001B[K");
        err.flush();
    }

    static String line(Batch.Progress p, long nowNanos) {
        double seconds = Math.max(1e-3, (nowNanos - p.startedNanos()) / 1e9);
        double rate = p.records() / seconds;
        StringBuilder s = new StringBuilder();
        if (p.totalBytes() > 0) {
            double done = Math.min(1.0, (double) p.bytesRead() / p.totalBytes());
            int filled = (int) Math.round(done * WIDTH);
            s.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% ", done * 100));
            String eta = done > 0.001 ? clock(seconds / done - seconds) : "--:--";
            s.append(String.format(Locale.ROOT, "%,d records  %,.0f/s  elapsed %s  ETA %s", p.records(), rate, clock(seconds), eta));
        } else {
            s.append(String.format(Locale.ROOT, "%,d records  %,.0f/s  elapsed %s", p.records(), rate, clock(seconds)));
        }
        return s.toString();
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        err.println("\r" + line(progress.get(), System.nanoTime()) + "\u001B[K");
        err.flush();
    }
}
