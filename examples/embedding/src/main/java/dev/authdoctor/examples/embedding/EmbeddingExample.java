package dev.authdoctor.examples.embedding;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The three parts of the example with one {@link Troubleshooter}, built once as an application would:
 * a failed-login hook, 16 threads sharing it, and JSON Lines in and out.
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args none
     * @throws IOException          when the bundled incidents cannot be read
     * @throws InterruptedException when interrupted while the threads run
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        try (Troubleshooter doctor = Troubleshooter.create()) {
            System.out.println("== failed-login hook");
            FailedLoginHook hook = new FailedLoginHook(doctor);
            System.out.println(FailedLoginHook.describe(hook.onFailedLogin("LOGIN-1", "Your account is locked")));

            System.out.println("== one troubleshooter, 16 threads");
            List<Incident> logins = List.of(
                    FailedLoginHook.incident("LOGIN-1", "Your account is locked"),
                    FailedLoginHook.incident("LOGIN-2", "Invalid credentials"));
            System.out.println(ConcurrentDiagnoses.run(doctor, logins, 16, 20));

            System.out.println("== JSON Lines in, JSON Lines out");
            try (InputStream in = EmbeddingExample.class.getResourceAsStream("incidents.jsonl")) {
                JsonLinesPipeline.run(doctor, in, System.out);
            }
        }
    }
}
