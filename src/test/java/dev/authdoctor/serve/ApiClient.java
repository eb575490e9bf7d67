package dev.authdoctor.serve;

import dev.authdoctor.api.Troubleshooter;
import io.javalin.Javalin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the API's tests share: one troubleshooter for the whole run (compiling the rules costs seconds), and a client. */
final class ApiClient {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper MAPPER = JsonMapper.shared();
    static final String INCIDENT = "{\"id\":\"INC-1001\",\"symptom\":\"TOKEN_NOT_WORKING\","
            + "\"user\":{\"id\":\"u-4481\",\"email\":\"m.okafor@example.com\",\"state\":\"ACTIVE\",\"locked\":false,\"role\":\"USER\"},"
            + "\"authenticators\":[{\"type\":\"ENTRUST_SOFT_TOKEN\",\"state\":\"ACTIVE\",\"platform\":\"ANDROID\",\"inUse\":true}],"
            + "\"device\":{\"clockSkewSeconds\":420},\"remediationAttempts\":1}";

    private static Troubleshooter shared;

    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    static synchronized Troubleshooter doctor() {
        if (shared == null) {
            shared = Troubleshooter.create(); // never closed: it watches nothing, and every test class of the run uses it
        }
        return shared;
    }

    /** A bare Javalin app with the API's routes and limits of the test's choosing (the builder sets only some). */
    static Javalin app(Limits limits) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.exception(ApiProblem.class, (e, ctx) -> Problems.write(ctx, e, 1));
            ApiRoutes.register(config.routes, ApiClient::doctor, ServiceEvents.NONE, limits);
        }).start();
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HTTP.send(at(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body);
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(at(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) {
        return MAPPER.readTree(r.body());
    }

    /** The response is a problem of this status and type, with its Content-Type. */
    static JsonNode problem(HttpResponse<String> r, int status, String type) {
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = json(r);
        org.assertj.core.api.Assertions.assertThat(p.path("type").asString()).isEqualTo("urn:authdoctor:problem:" + type);
        org.assertj.core.api.Assertions.assertThat(p.path("status").asInt()).isEqualTo(status);
        return p;
    }
}
