package dev.authdoctor.serve;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics at /metrics and the access log, which must not carry personal data. */
class ObservabilityTest {

    static Troubleshooter doctor;
    static DiagnosisServer server;
    static ListAppender<ILoggingEvent> access = new ListAppender<>();
    static Logger accessLogger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        access.start();
        accessLogger.addAppender(access);
        accessLogger.setLevel(ch.qos.logback.classic.Level.INFO);
        doctor = Troubleshooter.create();
    }

    /** Each test its own server, so its counts start at zero. */
    @BeforeEach
    void serve() {
        server = DiagnosisServer.builder().port(0).troubleshooter(doctor).build().start();
        server.awaitReady(Duration.ofSeconds(60));
        access.list.clear();
    }

    @AfterEach
    void close() {
        server.close();
    }

    @AfterAll
    static void stop() {
        doctor.close();
        accessLogger.detachAppender(access);
        accessLogger.setLevel(null);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    static HttpResponse<String> diagnose(String body) throws Exception {
        return send(at("/v1/diagnoses?user=jane.doe@example.com").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The log line is written as the response completes; the client may see the response a moment before. */
    static List<String> awaitLines(int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (access.list.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return access.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void metricsCountRequestsDiagnosesRejectsAndReloads() throws Exception {
        String incident = Files.readAllLines(Path.of("examples/incidents.jsonl")).get(0);
        HttpResponse<String> ok = diagnose(incident);
        assertThat(ok.statusCode()).isEqualTo(200);
        String problem = tools.jackson.databind.json.JsonMapper.shared().readTree(ok.body()).path("problems").get(0).path("id").asString();
        assertThat(diagnose("{\"id\":\"X-1\",\"user\":{\"state\":\"ENABLED\"}}").statusCode()).isEqualTo(422);
        assertThat(send(at("/v1/nothing/jane.doe@example.com")).statusCode()).isEqualTo(404);
        server.metrics().consultation("start");
        server.metrics().reloadListener().reloaded(List.of("idaas 1.0"));
        server.metrics().reloadListener().failed(new RulePackException("x.drl:1: broken", List.of()));
        awaitLines(3);

        HttpResponse<String> m = send(at("/metrics"));
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = m.body();
        assertThat(text).contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/diagnoses\",status=\"200\"} 1");
        assertThat(text).contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/diagnoses\",status=\"422\"} 1");
        assertThat(text).contains("http_server_requests_seconds_count{method=\"GET\",route=\"-\",status=\"404\"} 1");
        assertThat(text).contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/v1/diagnoses\",status=\"200\",le=");
        assertThat(text).contains("authdoctor_diagnoses_total{outcome=\"DIAGNOSED\",problem=\"" + problem + "\"} 1.0");
        assertThat(text).contains("authdoctor_rejects_total 1.0");
        assertThat(text).contains("authdoctor_open_sessions 0.0"); // none outlives its diagnosis
        assertThat(text).contains("authdoctor_consultations_total{action=\"start\"} 1.0");
        assertThat(text).contains("authdoctor_pack_reloads_total{result=\"ok\"} 1.0", "authdoctor_pack_reloads_total{result=\"failed\"} 1.0");
        assertThat(text).contains("jvm_memory_used_bytes");
        assertThat(text).doesNotContain("jane.doe", "nothing", "okafor", "u-4481");
    }

    /** A series that appears only on its first increment hides that first change from rate() and from alerts. */
    @Test
    void theReloadCountersAreThereAtZeroBeforeAnyReload() throws Exception {
        String text = send(at("/metrics")).body();
        assertThat(text).contains("authdoctor_pack_reloads_total{result=\"ok\"} 0.0",
                "authdoctor_pack_reloads_total{result=\"failed\"} 0.0", "authdoctor_rejects_total 0.0");
    }

    @Test
    void theAccessLogNamesRoutesNotPathsAddressesOrBodies() throws Exception {
        String incident = Files.readAllLines(Path.of("examples/incidents.jsonl")).get(0);
        assertThat(incident).contains("m.okafor@example.com", "u-4481"); // an e-mail address and a user id
        assertThat(diagnose(incident).statusCode()).isEqualTo(200);
        send(at("/v1/nothing/jane.doe@example.com?ip=10.1.2.3"));
        List<String> lines = awaitLines(2);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("POST /v1/diagnoses 200 \\d+\\.\\dms \\d+B");
        assertThat(lines.get(1)).matches("GET - 404 \\d+\\.\\dms \\d+B");
        for (String line : lines) {
            assertThat(line).doesNotContain("@", "okafor", "u-4481", "jane", "127.0.0.1", "10.1.2.3", "?", "nothing");
        }
    }
}
