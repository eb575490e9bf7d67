package dev.authdoctor.serve;

import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.incident.ReadResult;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.authdoctor.serve.ApiClient.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/diagnoses with JSON Lines: one answer per line, in order, rejects kept, limits ending the stream with a problem line. */
class NdjsonStreamTest {

    static final String NDJSON = "application/x-ndjson";
    static Javalin small;
    static ApiClient api;

    @BeforeAll
    static void start() {
        ApiClient.doctor();
        small = ApiClient.app(new Limits(1 << 20, 3, 2_000));
        api = new ApiClient(small.port());
    }

    @AfterAll
    static void stop() {
        small.stop();
    }

    static List<JsonNode> lines(HttpResponse<String> r) {
        return r.body().lines().map(MAPPER::readTree).toList();
    }

    @Test
    void answersEveryLineInOrderAsTheCommandLineDoes() throws Exception {
        List<String> input = Files.readAllLines(Path.of("examples/incidents.jsonl"));
        Javalin big = ApiClient.app(Limits.DEFAULT);
        try {
            HttpResponse<String> r = new ApiClient(big.port()).post("/v1/diagnoses", NDJSON, String.join("\n", input) + "\n");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(NDJSON);
            List<String> expected = new ArrayList<>();
            try (var lines = IncidentJson.lines(String.join("\n", input))) {
                lines.forEach(l -> expected.add(DiagnosisJson.toJson(
                        ApiClient.doctor().diagnose(((ReadResult.Accepted) l.result()).incident()))));
            }
            assertThat(r.body().lines().toList()).isEqualTo(expected);
        } finally {
            big.stop();
        }
    }

    @Test
    void keepsAnInvalidLineAsARejectionNamingLineAndFieldAndSkipsBlankLines() throws Exception {
        String body = "{\"id\":\"A\"}\n\n{\"id\":\"B\",\"user\":{\"state\":\"ENABLED\"}}\nnot json\n";
        List<JsonNode> out = lines(api.post("/v1/diagnoses", NDJSON, body));
        assertThat(out).hasSize(3);
        assertThat(out.get(0).path("incidentId").asString()).isEqualTo("A");
        assertThat(out.get(0).path("outcome").asString()).isEqualTo("NO_MATCH");
        assertThat(out.get(1).path("incidentId").asString()).isEqualTo("B");
        assertThat(out.get(1).path("outcome").asString()).isEqualTo("REJECTED");
        assertThat(out.get(1).path("errors").get(0).asString()).isEqualTo("line 3: user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE");
        assertThat(out.get(2).path("outcome").asString()).isEqualTo("REJECTED");
        assertThat(out.get(2).path("errors").get(0).asString()).startsWith("line 4: not valid JSON");
    }

    @Test
    void endsWithAProblemLineAfterTheMostLines() throws Exception {
        String body = "{\"id\":\"L1\"}\n{\"id\":\"L2\"}\n\n{\"id\":\"L3\"}\n{\"id\":\"L4\"}\n{\"id\":\"L5\"}\n";
        List<JsonNode> out = lines(api.post("/v1/diagnoses", NDJSON, body));
        assertThat(out).hasSize(4);
        assertThat(out.subList(0, 3)).extracting(n -> n.path("incidentId").asString()).containsExactly("L1", "L2", "L3");
        JsonNode last = out.get(3);
        assertThat(last.has("outcome")).isFalse();
        assertThat(last.path("type").asString()).isEqualTo("urn:authdoctor:problem:too-many-lines");
        assertThat(last.path("status").asInt()).isEqualTo(413);
        assertThat(last.path("detail").asString()).contains("more than 3 incident lines").contains("line 5 and those after it were not read");
    }

    @Test
    void endsWithAProblemLineAfterTheMostBytes() throws Exception {
        String line = "{\"id\":\"B\",\"description\":\"" + "x".repeat(900) + "\"}\n"; // about 930 bytes: two fit in 2,000
        List<JsonNode> out = lines(api.post("/v1/diagnoses", NDJSON, line + line + line));
        assertThat(out).hasSize(3);
        assertThat(out.get(0).path("outcome").asString()).isNotEqualTo("REJECTED");
        assertThat(out.get(1).path("outcome").asString()).isNotEqualTo("REJECTED");
        assertThat(out.get(2).path("type").asString()).isEqualTo("urn:authdoctor:problem:too-large");
        assertThat(out.get(2).path("detail").asString()).contains("longer than 2000 bytes").contains("after line 2 were not read");
    }

    @Test
    void aBodyExactlyAtTheByteLimitIsAnsweredWhole() throws Exception {
        String line = "{\"id\":\"E\",\"description\":\"" + "y".repeat(972) + "\"}\n";
        assertThat(line.length()).isEqualTo(1000);
        List<JsonNode> out = lines(api.post("/v1/diagnoses", NDJSON, line + line));
        assertThat(out).hasSize(2).allSatisfy(n -> assertThat(n.path("incidentId").asString()).isEqualTo("E"));
    }

    /** The answer to a line arrives while the client has not yet sent the next: the body is not buffered whole. */
    @Test
    void answersALineBeforeTheNextIsSent() throws Exception {
        try (Socket s = new Socket("127.0.0.1", small.port())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/diagnoses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + NDJSON
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, "{\"id\":\"FIRST\"}\n");
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            String first = nextBodyLine(in);
            assertThat(first).contains("\"incidentId\":\"FIRST\"");
            chunk(out, "{\"id\":\"SECOND\"}\n");
            assertThat(nextBodyLine(in)).contains("\"incidentId\":\"SECOND\"");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static void chunk(OutputStream out, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next line of the chunked body that is a JSON object (headers and chunk sizes skipped). */
    private static String nextBodyLine(BufferedReader in) throws Exception {
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            if (l.startsWith("{")) {
                return l;
            }
        }
        throw new AssertionError("the stream ended");
    }

    @Test
    void refusesAnotherMediaTypeNamingBoth() throws Exception {
        JsonNode p = ApiClient.problem(api.post("/v1/diagnoses", "text/csv", "id\nA\n"), 415, "unsupported-media-type");
        assertThat(p.path("detail").asString()).contains("application/json").contains(NDJSON);
    }
}
