package dev.authdoctor.serve;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one example incident per table row through what a request does (read, diagnose, explain, write, and now and
 * then a consultation) before the server says it is ready, so the first real request finds the rules' code compiled
 * rather than interpreted: without it the first diagnoses after readiness took 60 to 214 ms
 * (bench/serve-load.sh --first-only), not the 10 ms a load balancer's first user should wait.
 */
final class Warmup {

    static final String EXAMPLES = "/dev/authdoctor/serve/incidents.jsonl";

    private Warmup() {
    }

    /**
     * @param budget how long to go on at most; stops earlier after {@code rounds} passes over the examples
     * @return the diagnoses made
     */
    static int run(Troubleshooter t, Duration budget, int rounds) {
        List<String> lines = examples();
        long end = System.nanoTime() + budget.toNanos();
        int made = 0;
        for (int round = 0; round < rounds && System.nanoTime() < end; round++) {
            for (String line : lines) {
                if (IncidentJson.read(line) instanceof ReadResult.Accepted a) {
                    DiagnosisJson.toJson(round % 8 == 0 ? t.explain(a.incident()) : t.diagnose(a.incident()));
                    made++;
                }
            }
            if (round % 25 == 0) { // the page's path too: a consultation works out its questions by trial diagnoses
                Consultation c = Consultation.start(t, "warmup", null, null, CONSULTATION);
                c.next().ifPresent(q -> c.unknown(q.id()).diagnosis());
            }
        }
        return made;
    }

    /** A ticket as people write it, for the consultation's part of the warm-up. */
    static final String CONSULTATION = "The code from my soft token is always rejected when I sign in";

    static List<String> examples() {
        try (InputStream in = Warmup.class.getResourceAsStream(EXAMPLES)) {
            if (in == null) {
                return List.of(); // a build without the examples: nothing to warm with, the server still serves
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }
}
