package dev.authdoctor.serve;

import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A body far over the limit: every client reads its 413, whether it reads while sending (curl, Java's HttpClient) or
 * only once it has sent everything (Python's http.client, which used to see a broken pipe or a reset instead), and
 * the server's cost of letting it finish is bounded.
 */
class OversizedBodyTest {

    static final int LIMIT = 64 * 1024;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static Troubleshooter doctor;

    @BeforeAll
    static void compile() {
        doctor = Troubleshooter.create();
    }

    @AfterAll
    static void close() {
        doctor.close();
    }

    static DiagnosisServer serve(UnaryOperator<DiagnosisServer.Builder> settings) {
        DiagnosisServer s = settings.apply(DiagnosisServer.builder().port(0).troubleshooter(doctor).maxBodyBytes(LIMIT))
                .build().start();
        s.awaitReady(Duration.ofSeconds(60));
        return s;
    }

    /** A JSON incident of about {@code bytes} bytes. */
    static byte[] body(int bytes) {
        byte[] b = new byte[bytes];
        Arrays.fill(b, (byte) 'a');
        byte[] head = "{\"id\":\"X-1\",\"description\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        b[bytes - 2] = '"';
        b[bytes - 1] = '}';
        return b;
    }

    /**
     * As Python's http.client: the request line, the headers, then the whole body, and only then the answer. A reset
     * while sending or reading fails the test with what was seen.
     */
    static String sendAllThenRead(int port, String type, byte[] body, boolean chunked, boolean expect) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return sendAllThenRead(socket, type, body, chunked, expect);
        }
    }

    static String sendAllThenRead(Socket socket, String type, byte[] body, boolean chunked, boolean expect) throws IOException {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        String head = "POST /v1/diagnoses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")
                + (expect ? "Expect: 100-continue\r\n" : "") + "\r\n";
        long sent = 0;
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 16 * 1024) {
                int n = Math.min(16 * 1024, body.length - at);
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, at, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent += n;
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            fail("the connection broke after " + sent + " of " + body.length + " bytes were sent: " + e);
        }
        try {
            return readAnswer(socket.getInputStream());
        } catch (IOException e) {
            return fail("the whole body was sent, then reading the answer failed: " + e);
        }
    }

    /** The answer, to the end of the connection or, on one kept open, to the end of a chunked body. */
    static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            if (answer.indexOf("Transfer-Encoding: chunked") >= 0 && answer.toString().endsWith("\r\n0\r\n\r\n")) {
                break;
            }
        }
        return new String(answer.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static void assertTooLarge(String response) {
        assertThat(response).startsWith("HTTP/1.1 413");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json").contains("connection: close");
        assertThat(response).contains("\"type\":\"urn:authdoctor:problem:too-large\"").contains(Integer.toString(LIMIT));
    }

    @ParameterizedTest(name = "{0}x the limit, chunked={1}, Expect sent but not waited for={2}")
    @CsvSource({"10,false,false", "10,true,false", "100,false,false", "100,true,false", "100,false,true"})
    void aClientThatReadsOnlyOnceItHasSentEverythingGetsItsAnswer(int times, boolean chunked, boolean expect) throws Exception {
        try (DiagnosisServer s = serve(b -> b)) {
            byte[] big = body(times * LIMIT);
            for (int round = 0; round < 3; round++) {
                assertTooLarge(sendAllThenRead(s.port(), "application/json", big, chunked, expect));
            }
            // and the server takes the next request as before
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/v1/diagnoses"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"X-2\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatReadsWhileSendingGets413WithConnectionClose() throws Exception {
        try (DiagnosisServer s = serve(b -> b)) {
            byte[] big = body(100 * LIMIT);
            URI uri = URI.create("http://127.0.0.1:" + s.port() + "/v1/diagnoses");
            for (HttpRequest.BodyPublisher publisher : new HttpRequest.BodyPublisher[]{
                    HttpRequest.BodyPublishers.ofByteArray(big), // Content-Length: refused on its headers
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))}) { // chunked
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(publisher).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(413);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(r.headers().firstValue("Connection")).hasValue("close");
                assertThat(r.body()).contains("too-large").contains(Integer.toString(LIMIT));
            }
        }
    }

    @Test
    void aClientWaitingFor100ContinueIsRefusedOnItsHeadersAlone() throws Exception {
        try (DiagnosisServer s = serve(b -> b); Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/diagnoses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 100 * LIMIT + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // no byte of the body is sent: the answer, then the end of the connection, must come all the same
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).doesNotContain("100 Continue");
            assertTooLarge(response);
            assertThat(response).contains("the body is " + 100 * LIMIT + " bytes");
        }
    }

    @Test
    void aJsonLinesBatchOverTheByteLimitEndsWithItsProblemLine() throws Exception {
        int streamLimit = 256 * 1024;
        try (DiagnosisServer s = serve(b -> b.maxStreamBytes(streamLimit))) {
            // lines of about 1 KiB, so the byte limit comes before the line limit (10,000)
            byte[] line = ("{\"id\":\"N-1\",\"description\":\"" + "d".repeat(1000) + "\"}\n").getBytes(StandardCharsets.US_ASCII);
            byte[] batch = new byte[line.length * (10 * streamLimit / line.length)]; // ten times the limit
            for (int at = 0; at < batch.length; at += line.length) {
                System.arraycopy(line, 0, batch, at, line.length);
            }
            try (Socket socket = new Socket("127.0.0.1", s.port())) {
                String response = sendAllThenRead(socket, "application/x-ndjson", batch, true, false);
                assertThat(response).startsWith("HTTP/1.1 200");
                assertThat(response).contains("\"type\":\"urn:authdoctor:problem:too-large\"")
                        .contains("longer than " + streamLimit + " bytes");
                // the rest of the batch was read to its end and discarded, so the connection takes another request
                socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] next = new byte[12];
                assertThat(socket.getInputStream().readNBytes(next, 0, 12)).isEqualTo(12);
                assertThat(new String(next, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            }
        }
    }

    @Test
    void discardingStopsAtTheByteBound() throws Exception {
        long bound = 1 << 20;
        try (DiagnosisServer s = serve(b -> b.drain(bound, Duration.ofSeconds(30)));
             Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/diagnoses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("4000\r\n" + "a".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            long t0 = System.nanoTime();
            try {
                while (sent < 1L << 30 && System.nanoTime() - t0 < 20_000_000_000L) { // an endless body
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException e) {
                // the server stopped reading and closed: what this test waits for
            }
            // the bound, plus what the two sockets' buffers hold
            assertThat(sent).as("bytes sent before the server closed").isLessThan(bound + (32L << 20));
        }
    }

    @Test
    void discardingStopsAtTheTimeBound() throws Exception {
        try (DiagnosisServer s = serve(b -> b.drain(1L << 30, Duration.ofSeconds(1)));
             Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/diagnoses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 100 * LIMIT + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
            // a byte every 50 ms: never idle, so only the time bound ends it (the idle timeout is 30 s)
            long t0 = System.nanoTime();
            try {
                while (System.nanoTime() - t0 < 8_000_000_000L) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(50);
                }
                fail("the server still took the body after 8 s");
            } catch (IOException e) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(ms).as("closed after the time bound").isGreaterThanOrEqualTo(900).isLessThan(4_000);
            }
        }
    }
}
