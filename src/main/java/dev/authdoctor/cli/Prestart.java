package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The built-in troubleshooter, begun on a thread of its own as the process starts, while picocli builds its command
 * model (a quarter of a cold start, BENCHMARKS.md): the two overlap instead of following each other.
 * <p>
 * Begun only for the commands that diagnose with the built-in pack as it is (no {@code --rules}, {@code --no-builtin},
 * {@code --pack-sha256}, {@code --support-contact}, or argument file), and taken at most once; anything else, a
 * failure included, leaves the command to build its own troubleshooter as before, and report what went wrong.
 */
final class Prestart {

    private static final Set<String> COMMANDS = Set.of("diagnose", "batch", "consult", "why-not");
    private static final Set<String> OTHER_RULES = Set.of("--rules", "--no-builtin", "--pack-sha256", "--support-contact");

    private static volatile FutureTask<Troubleshooter> begun;

    private Prestart() {
    }

    /** Begins building the default troubleshooter when this command line will want it. */
    static void begin(String... args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return;
        }
        for (String a : args) {
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (OTHER_RULES.contains(name) || a.startsWith("@") || a.equals("-h") || a.equals("--help")) {
                return;
            }
        }
        FutureTask<Troubleshooter> task = new FutureTask<>(Troubleshooter::create);
        Thread t = new Thread(task, "authdoctor-prestart");
        t.setDaemon(true);
        begun = task;
        t.start();
    }

    /**
     * The troubleshooter begun for this command line, once.
     *
     * @return it, waiting for it if need be; null when none was begun or it failed
     */
    static Troubleshooter take() {
        FutureTask<Troubleshooter> task = begun;
        begun = null;
        if (task == null) {
            return null;
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            return null; // the command builds its own and reports the failure in its own words
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
