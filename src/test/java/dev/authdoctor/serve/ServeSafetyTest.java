package dev.authdoctor.serve;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Safe by default: where it listens, who may call, and what a request may cost. */
class ServeSafetyTest {

    static final String TOKEN = "s3cret-token-for-tests-0123456789";
    static Troubleshooter doctor;
    static String incident;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void compile() throws Exception {
        doctor = Troubleshooter.create();
        incident = Files.readAllLines(Path.of("examples/incidents.jsonl")).get(0);
    }

    @AfterAll
    static void close() {
        doctor.close();
    }

    static DiagnosisServer serve(UnaryOperator<DiagnosisServer.Builder> settings) {
        DiagnosisServer s = settings.apply(DiagnosisServer.builder().port(0).troubleshooter(doctor)).build().start();
        s.awaitReady(Duration.ofSeconds(60));
        return s;
    }

    static HttpRequest.Builder at(DiagnosisServer s, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).timeout(Duration.ofSeconds(20));
    }

    static HttpRequest.Builder diagnose(DiagnosisServer s, String body) {
        return at(s, "/v1/diagnoses").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A diagnosis request whose body arrives only in part: the server works on it, blocked reading, until {@link Held#finish}. */
    static final class Held implements AutoCloseable {
        final Socket socket;
        final byte[] body;

        Held(DiagnosisServer s, String json) throws Exception {
            socket = new Socket("127.0.0.1", s.port());
            socket.setSoTimeout(20_000);
            body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/diagnoses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
        }

        /** Sends the rest of the body and returns the response's status line and headers. */
        String finish() throws Exception {
            OutputStream out = socket.getOutputStream();
            out.write(body, 10, body.length - 10);
            out.flush();
            return head();
        }

        String head() throws Exception {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && !head.toString().endsWith("\r\n\r\n")) {
                head.append((char) c);
            }
            return head.toString();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    /** Waits until the server has taken the held request in (it counts requests from their headers on). */
    static void awaitInFlight(DiagnosisServer s, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.metrics().inFlight() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(s.metrics().inFlight()).isEqualTo(n);
        Thread.sleep(50); // from the count to the concurrency limit is a few calls on the same thread
    }

    /**
     * The slot is given back when the held exchange completes on the server, a moment after the client has read the
     * answer; so a fresh request is tried for a few seconds before concluding the slot never came back.
     */
    static int statusOnceFree(DiagnosisServer s) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            status = send(diagnose(s, incident)).statusCode();
        } while (status == 503 && System.nanoTime() < end && sleep(50));
        return status;
    }

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }

    @Test
    void refusesAnAddressBeyondLoopbackWithoutATokenOrTls() {
        assertThatThrownBy(() -> DiagnosisServer.builder().host("0.0.0.0").port(0).troubleshooter(doctor).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0").hasMessageContaining("bearer token");
        assertThat(DiagnosisServer.builder().host("localhost").build()).isNotNull();
        try (DiagnosisServer s = DiagnosisServer.builder().host("0.0.0.0").port(0).troubleshooter(doctor)
                .token(BearerToken.of(TOKEN, "test")).build().start()) {
            assertThat(s.port()).isPositive();
        }
    }

    @Test
    void theCommandLineRefusesTooWithAUsageError() {
        StringWriter err = new StringWriter();
        assertThat(serveCommand(err, "--bind", "0.0.0.0", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("0.0.0.0").contains("--token-file");
    }

    @Test
    void aRequestTimeUnderOneSecondIsAUsageErrorNamingTheOption() {
        StringWriter err = new StringWriter();
        assertThat(serveCommand(err, "--port", "0", "--max-request-time", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-request-time").contains("0");
    }

    /** {@code authdoctor serve ARGS} for a command that is refused before it serves: its exit code, its errors into err. */
    private static int serveCommand(StringWriter err, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(err, true), all);
    }

    @Test
    void aTokenShorterThanSixteenCharactersIsRefused() {
        assertThatThrownBy(() -> BearerToken.of("short", "AUTHDOCTOR_SERVE_TOKEN"))
                .hasMessageContaining("AUTHDOCTOR_SERVE_TOKEN").hasMessageContaining("16");
    }

    @Test
    void theTokenIsRequiredButNotForHealth() throws Exception {
        try (DiagnosisServer s = serve(b -> b.token(BearerToken.of(TOKEN, "test")))) {
            HttpResponse<String> none = send(diagnose(s, incident));
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(none.body()).contains("\"status\":401");

            HttpResponse<String> wrong = send(diagnose(s, incident).header("Authorization", "Bearer " + TOKEN + "x"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");

            HttpResponse<String> right = send(diagnose(s, incident).header("Authorization", "Bearer " + TOKEN));
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("\"outcome\"");

            assertThat(send(at(s, "/healthz")).statusCode()).isEqualTo(200);
            assertThat(send(at(s, "/readyz")).statusCode()).isEqualTo(200);
            assertThat(send(at(s, "/openapi.json")).statusCode()).isEqualTo(200); // clients are generated before they hold a token
            assertThat(send(at(s, "/v1/catalog")).statusCode()).isEqualTo(401);
            assertThat(send(at(s, "/metrics")).statusCode()).isEqualTo(401);
            assertThat(send(at(s, "/metrics").header("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyAnswerCarriesStrictSecurityHeaders() throws Exception {
        try (DiagnosisServer s = serve(b -> b.token(BearerToken.of(TOKEN, "test")))) {
            for (HttpResponse<String> r : new HttpResponse[]{
                    send(diagnose(s, incident).header("Authorization", "Bearer " + TOKEN)), // 200
                    send(diagnose(s, "{\"id\":\"X\"}").header("Authorization", "Bearer " + TOKEN)), // 422
                    send(at(s, "/v1/nothing").header("Authorization", "Bearer " + TOKEN)), // 404
                    send(diagnose(s, incident)), // 401
                    send(at(s, "/healthz"))}) {
                assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.toString()).hasValue(SecurityHeaders.API_CSP);
                assertThat(r.headers().firstValue("X-Content-Type-Options")).as(r.toString()).hasValue("nosniff");
                assertThat(r.headers().firstValue("Referrer-Policy")).as(r.toString()).hasValue("no-referrer");
                assertThat(r.headers().firstValue("X-Frame-Options")).as(r.toString()).hasValue("DENY");
                assertThat(r.headers().firstValue("Cache-Control")).as(r.toString()).hasValue("no-store");
                assertThat(r.headers().firstValue("Server")).as(r.toString()).isEmpty();
            }
            HttpResponse<String> page = send(at(s, "/"));
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
    }

    @Test
    void aBodyOverTheLimitGets413AsAProblem() throws Exception {
        try (DiagnosisServer s = serve(b -> b.maxBodyBytes(4096))) {
            String big = "{\"id\":\"X-1\",\"notes\":\"" + "a".repeat(10_000) + "\"}";
            HttpResponse<String> declared = send(diagnose(s, big));
            assertThat(declared.statusCode()).isEqualTo(413);
            assertThat(declared.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(declared.body()).contains("too-large");
            // chunked: no length to refuse up front, so the limit applies while reading
            HttpResponse<String> chunked = send(at(s, "/v1/diagnoses").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
            assertThat(chunked.statusCode()).isEqualTo(413);
            assertThat(chunked.body()).contains("too-large");
            assertThat(send(diagnose(s, incident)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void whenSaturatedItAnswers503WithRetryAfterAndStaysHealthy() throws Exception {
        try (DiagnosisServer s = serve(b -> b.maxConcurrent(1).maxQueued(0, Duration.ofSeconds(1)));
             Held held = new Held(s, incident)) {
            awaitInFlight(s, 1);
            HttpResponse<String> refused = send(diagnose(s, incident));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(send(at(s, "/healthz")).statusCode()).isEqualTo(200);
            assertThat(held.finish()).startsWith("HTTP/1.1 200");
            assertThat(statusOnceFree(s)).isEqualTo(200);
        }
    }

    @Test
    void aWaitingRequestIsRefusedAfterTheWaitNotQueuedForever() throws Exception {
        try (DiagnosisServer s = serve(b -> b.maxConcurrent(1).maxQueued(4, Duration.ofMillis(300)));
             Held held = new Held(s, incident)) {
            awaitInFlight(s, 1);
            long t0 = System.nanoTime();
            HttpResponse<String> refused = send(diagnose(s, incident));
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(waitedMs).isBetween(250L, 5_000L);
            assertThat(held.finish()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aStalledClientLosesItsSlotAfterTheIdleTimeout() throws Exception {
        try (DiagnosisServer s = serve(b -> b.maxConcurrent(1).maxQueued(0, Duration.ofSeconds(1)).idleTimeout(Duration.ofMillis(500)));
             Held held = new Held(s, incident)) {
            awaitInFlight(s, 1);
            assertThat(send(diagnose(s, incident)).statusCode()).isEqualTo(503);
            assertThat(held.head()).startsWith("HTTP/1.1 408"); // the server gives up on the body by itself
            assertThat(statusOnceFree(s)).isEqualTo(200);
        }
    }

    @Test
    void aTrickledBodyLosesItsSlotAtTheRequestDeadline() throws Exception {
        // a byte every 200 ms: never idle for the idle timeout, yet the whole body would take over a minute
        try (DiagnosisServer s = serve(b -> b.maxConcurrent(1).maxQueued(0, Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(5)).maxRequestTime(Duration.ofSeconds(1)));
             Held held = new Held(s, incident)) {
            awaitInFlight(s, 1);
            long t0 = System.nanoTime();
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = held.socket.getOutputStream();
                    for (int i = 10; i < held.body.length - 1; i++) {
                        out.write(held.body[i]);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (Exception e) {
                    // the server closed the exchange: what this test waits for
                }
            });
            assertThat(held.head()).startsWith("HTTP/1.1 408");
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(tookMs).as("cut off at the deadline, not when the body ends").isLessThan(4_000);
            assertThat(statusOnceFree(s)).isEqualTo(200);
            held.close();
            trickle.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJsonLinesBatchPastTheRequestDeadlineEndsWithAProblemLine() throws Exception {
        try (DiagnosisServer s = serve(b -> b.maxRequestTime(Duration.ofSeconds(1)));
             Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/diagnoses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line = (incident + "\n").getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(1_500); // past the deadline, then a second line
            // in one write: the server answers on the first bytes after the deadline and closes, and a later write
            // of the same chunk would race that close (a broken pipe under load)
            java.io.ByteArrayOutputStream second = new java.io.ByteArrayOutputStream();
            second.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            second.write(line);
            second.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(second.toByteArray());
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            assertThat(response).contains("\"incidentId\":\"INC0010001\"");
            assertThat(response).contains("\"type\":\"urn:authdoctor:problem:request-timeout\"", "\"status\":408",
                    "the lines after line 1 were not read");
            assertThat(response.indexOf("INC0010001")).isEqualTo(response.lastIndexOf("INC0010001"));
        }
    }

    @Test
    void closeFinishesTheRequestInFlight() throws Exception {
        DiagnosisServer s = serve(b -> b.shutdownTimeout(Duration.ofSeconds(10)));
        int port = s.port();
        try (Held held = new Held(s, incident)) {
            awaitInFlight(s, 1);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
            Thread.sleep(300);
            assertThat(closing).isNotDone(); // waiting for the request in flight
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            assertThat(held.finish()).startsWith("HTTP/1.1 200");
            closing.get(10, TimeUnit.SECONDS);
        }
    }
}
