package dev.authdoctor.serve;

import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's skeleton: health, readiness, one diagnosis, and refusals as problem details. */
class DiagnosisServerTest {

    static Troubleshooter doctor;
    static DiagnosisServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        doctor = Troubleshooter.create();
        server = DiagnosisServer.builder().port(0).troubleshooter(doctor).build().start();
        server.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        server.close();
        doctor.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    @Test
    void answersHealthAndReadiness() throws Exception {
        assertThat(send(at("/healthz")).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = send(at("/readyz"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("READY");
    }

    @Test
    void diagnosesOneIncidentAsTheCommandLineDoes() throws Exception {
        String first = Files.readAllLines(Path.of("examples/incidents.jsonl")).get(0);
        HttpResponse<String> r = send(at("/v1/diagnoses").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(first)));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = JsonMapper.shared().readTree(r.body());
        assertThat(d.path("outcome").asString()).isEqualTo("DIAGNOSED");
        assertThat(r.body()).isEqualTo(dev.authdoctor.api.DiagnosisJson.toJson(
                doctor.diagnose(((dev.authdoctor.incident.ReadResult.Accepted) dev.authdoctor.api.IncidentJson.read(first)).incident())));
    }

    @Test
    void refusesAnInvalidIncidentNamingTheField() throws Exception {
        HttpResponse<String> r = send(at("/v1/diagnoses").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"X-1\",\"user\":{\"state\":\"ENABLED\"}}")));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = JsonMapper.shared().readTree(r.body());
        assertThat(p.path("status").asInt()).isEqualTo(422);
        assertThat(p.path("errors").toString()).contains("user.state");
    }

    @Test
    void refusesAnotherMediaTypeAndUnknownPathsAsProblems() throws Exception {
        HttpResponse<String> wrongType = send(at("/v1/diagnoses").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        HttpResponse<String> missing = send(at("/v1/nothing-here"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void saysReadyOnlyAfterTheWarmUpWhileTheApiAlreadyAnswers() throws Exception {
        // A warm-up with a long budget (300 passes over the examples): /readyz must say 503 while it runs.
        try (DiagnosisServer warming = DiagnosisServer.builder().port(0).troubleshooter(doctor)
                .warmup(Duration.ofSeconds(30)).build()) {
            assertThat(Warmup.examples()).as("the examples travel with the server").hasSize(13);
            warming.start();
            HttpRequest.Builder ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + warming.port() + "/readyz"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int sawNotReady = 0;
            while (!warming.ready() && System.nanoTime() < deadline) {
                HttpResponse<String> r = send(ready);
                if (!warming.ready()) {
                    sawNotReady += r.statusCode() == 503 ? 1 : 0;
                }
                Thread.sleep(5);
            }
            assertThat(warming.ready()).isTrue();
            assertThat(send(ready).statusCode()).isEqualTo(200);
            assertThat(sawNotReady).as("/readyz answered 503 while the warm-up ran").isPositive();
        }
    }

    @Test
    void theWarmUpRunsEveryExampleThroughTheRules() {
        int rounds = 2;
        assertThat(Warmup.run(doctor, Duration.ofMinutes(1), rounds)).isEqualTo(rounds * Warmup.examples().size());
        assertThat(Warmup.run(doctor, Duration.ZERO, rounds)).as("a spent budget stops it").isZero();
        assertThat(doctor.openSessions()).isZero();
    }
}
