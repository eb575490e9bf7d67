package dev.authdoctor.bench;

import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.serve.DiagnosisServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code authdoctor serve} as proposed for the first-diagnosis goal (issue 13): before it says it is ready, the server
 * puts the examples through the route's own work (read the JSON, diagnose, write the JSON) a few hundred times, so
 * the first request after readiness finds that code loaded and compiled. Prints the same "serving on" line as
 * {@code authdoctor serve} and stops on SIGTERM. Started by {@link ServeLoad} beside the real command; not a test.
 *
 * <pre>
 * ServeWarmed ROUNDS [POSTS]   ROUNDS times over examples/incidents.jsonl before ready (0: as authdoctor serve is);
 *                             then POSTS requests to its own POST /v1/diagnoses over loopback before it says where it
 *                             listens (warming the HTTP path too, as a server would before /readyz answers 200)
 * </pre>
 */
public final class ServeWarmed {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int posts = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        List<String> examples = Files.readAllLines(Path.of("examples/incidents.jsonl")).stream().filter(l -> !l.isBlank()).toList();
        DiagnosisServer server = DiagnosisServer.builder().port(0).troubleshooter(() -> {
            Troubleshooter doctor = Troubleshooter.create();
            long t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (String line : examples) {
                    if (IncidentJson.read(line) instanceof ReadResult.Accepted a) {
                        DiagnosisJson.toJson(doctor.diagnose(a.incident()));
                    }
                }
            }
            System.err.printf("warmed with %d diagnoses in %d ms%n", rounds * examples.size(), (System.nanoTime() - t0) / 1_000_000);
            return doctor;
        }).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        if (posts > 0) {
            server.awaitReady(java.time.Duration.ofMinutes(3));
            long t0 = System.nanoTime();
            for (int i = 0; i < posts; i++) {
                post(server.port(), examples.get(i % examples.size()));
            }
            System.err.printf("warmed with %d requests in %d ms%n", posts, (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.println("authdoctor: serving on http://127.0.0.1:" + server.port() + "/ (Ctrl-C to stop)");
        System.out.flush();
        stopped.await();
    }

    /** One diagnosis request over loopback with the JDK's plainest client (the server's code is what is warmed). */
    private static void post(int port, String incident) throws java.io.IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:" + port + "/v1/diagnoses")
                .toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (var out = c.getOutputStream()) {
            out.write(incident.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (var in = c.getInputStream()) {
            in.readAllBytes();
        }
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("warm-up request: HTTP " + c.getResponseCode());
        }
    }
}
