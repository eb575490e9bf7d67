package dev.authdoctor.serve;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.authdoctor.serve.ApiClient.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A client outside the JVM diagnoses from /openapi.json alone: examples/clients/python/diagnose.py, standard library
 * only, finds the operation, checks each incident and each answer against the document's schemas, and follows the
 * document wherever it puts the operation. Skipped without python3 (CI machines have it).
 */
class PythonClientTest {

    static final String TOKEN = "python-client-token-0123456789";
    static final Path CLIENT = Path.of("examples/clients/python/diagnose.py");
    static DiagnosisServer server;

    @BeforeAll
    static void start() {
        assumeTrue(run(List.of("python3", "--version"), Map.of()).exit == 0, "no python3 on this machine");
        server = DiagnosisServer.builder().port(0).troubleshooter(ApiClient.doctor())
                .token(BearerToken.of(TOKEN, "test")).build().start();
        server.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void diagnosesTheExamplesAsTheServerItselfDoes() throws Exception {
        Run run = python(List.of("--base", "http://127.0.0.1:" + server.port(), "examples/incidents.jsonl"),
                Map.of("AUTHDOCTOR_SERVE_TOKEN", TOKEN));

        assertThat(run.exit).as(run.err).isZero();
        // the same incidents through the JSON Lines route, read here in Java, give the same answers line by line
        HttpResponse<String> batch = ApiClient.HTTP.send(new ApiClient(server.port()).at("/v1/diagnoses")
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(Path.of("examples/incidents.jsonl"))).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> expected = new ArrayList<>();
        for (String line : batch.body().split("\n")) {
            JsonNode d = MAPPER.readTree(line);
            List<String> problems = new ArrayList<>();
            d.path("problems").forEach(p -> problems.add(p.path("id").asString()));
            expected.add(d.path("incidentId").asString() + "\t" + d.path("outcome").asString() + "\t"
                    + String.join(", ", problems) + "\t" + d.path("steps").size() + " steps");
        }
        assertThat(expected).hasSize(13);
        assertThat(run.out.lines().toList()).isEqualTo(expected);
        assertThat(run.err).contains("13 of 13 diagnosed through POST /v1/diagnoses");
    }

    @Test
    void withoutTheTokenItReportsTheRefusal() {
        Run run = python(List.of("--base", "http://127.0.0.1:" + server.port(), "examples/incidents.jsonl"), Map.of());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).contains("answered 401 application/problem+json");
    }

    /** A server whose document moves the operation and whose answers break the document's Diagnosis schema. */
    @Test
    void followsTheDocumentAndRefusesAnAnswerThatDoesNotFitIt() throws Exception {
        String real = new ApiClient(server.port()).get("/openapi.json").body();
        ObjectNode doc = (ObjectNode) MAPPER.readTree(real);
        ObjectNode paths = (ObjectNode) doc.path("paths");
        paths.set("/v9/elsewhere", paths.remove("/v1/diagnoses"));
        AtomicInteger posts = new AtomicInteger();
        Javalin fake = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(doc.toString()));
            c.routes.post("/v9/elsewhere", ctx -> {
                posts.incrementAndGet();
                ObjectNode d = (ObjectNode) MAPPER.readTree(forward(ctx.body()));
                d.put("outcome", "MAYBE");
                ctx.contentType("application/json").result(d.toString());
            });
        }).start();
        try {
            Path file = Files.createTempFile("incidents", ".jsonl");
            Files.writeString(file, Files.readAllLines(Path.of("examples/incidents.jsonl")).get(0) + "\n"
                    + "{\"id\":\"X\",\"user\":{\"state\":\"ENABLED\"}}\n");
            Run run = python(List.of("--base", "http://127.0.0.1:" + fake.port(), file.toString()), Map.of());

            assertThat(run.exit).isEqualTo(1);
            assertThat(posts).as("the invalid incident is not sent").hasValue(1);
            assertThat(run.err)
                    .contains("INC0010001: the answer does not fit the document: diagnosis.outcome: \"MAYBE\" is not one of DIAGNOSED, NO_MATCH, REJECTED")
                    .contains(":2: not an incident by the document: incident.user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE")
                    .contains("0 of 2 diagnosed through POST /v9/elsewhere");
            Files.delete(file);
        } finally {
            fake.stop();
        }
    }

    private static String forward(String incident) throws Exception {
        return ApiClient.HTTP.send(new ApiClient(server.port()).at("/v1/diagnoses").header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(incident)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    record Run(int exit, String out, String err) {
    }

    static Run python(List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("python3", CLIENT.toString()));
        command.addAll(args);
        return run(command, env);
    }

    static Run run(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("AUTHDOCTOR_SERVE_TOKEN");
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile("py", ".out");
            Path err = Files.createTempFile("py", ".err");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the Python client did not finish in 60 s");
            }
            Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            return new Run(-1, "", e.toString()); // no python3 to start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
