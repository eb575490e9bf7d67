package dev.authdoctor.serve;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.javalin.Javalin;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.authdoctor.serve.ApiClient.INCIDENT;
import static dev.authdoctor.serve.ApiClient.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /openapi.json is a valid OpenAPI 3.1 document that a client generator can use alone, and every operation's real
 * responses, answers and refusals alike, fit the schemas it states for them.
 */
class OpenApiContractTest {

    static final String BASE = "https://authdoctor.test/openapi.json";
    static DiagnosisServer server;
    static Javalin small;
    static ApiClient api;
    static String document;
    static JsonNode doc;
    static SchemaRegistry registry;
    /** operationId of each (method, path template) the document declares. */
    static final Set<String> validated200 = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        server = DiagnosisServer.builder().port(0).troubleshooter(ApiClient.doctor()).build().start();
        server.awaitReady(Duration.ofSeconds(120));
        // small limits, so a refused body is small enough that the client finishes sending before the 413 arrives
        small = ApiClient.app(new Limits(4096, 1, 1 << 20));
        api = new ApiClient(server.port());
        HttpResponse<String> r = api.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        document = r.body();
        doc = MAPPER.readTree(document);
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(BASE, document)));
    }

    @AfterAll
    static void stop() {
        server.close();
        small.stop();
    }

    @Test
    void isAValidOpenApi31DocumentWithAnOperationIdForEveryOperation() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.1");
        assertThat(api.getServers()).isNotEmpty();
        List<String> ids = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            assertThat(op.getOperationId()).as(method + " " + path).isNotBlank();
            assertThat(op.getResponses()).as(method + " " + path).containsKey("200");
            ids.add(op.getOperationId());
        }));
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrder("diagnose", "explain", "whyNot", "startConsultation",
                "answerConsultation", "markUnknown", "consultationDiagnosis", "draftTicket", "catalog", "packs");
        Operation diagnose = api.getPaths().get("/v1/diagnoses").getPost();
        assertThat(diagnose.getRequestBody().getContent()).containsKeys("application/json", "application/x-ndjson");
        assertThat(diagnose.getResponses().get("422").get$ref()).isEqualTo("#/components/responses/InvalidIncident");
    }

    @Test
    void embedsTheContractsTheServiceChecksAgainst() throws Exception {
        for (Map.Entry<String, String> c : OpenApiDocument.CONTRACTS.entrySet()) {
            ObjectNode contract;
            try (InputStream in = getClass().getResourceAsStream(c.getValue())) {
                contract = (ObjectNode) MAPPER.readTree(in);
            }
            contract.remove("$schema");
            contract.remove("$id");
            assertThat(doc.path("components").path("schemas").path(c.getKey())).isEqualTo(contract);
        }
    }

    @Test
    void everyExampleFitsItsSchema() {
        int checked = 0;
        for (var path : doc.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String at = "/paths/" + escape(path.getKey()) + "/" + op.getKey();
                checked += examples(at + "/requestBody", op.getValue().path("requestBody"));
                for (var response : op.getValue().path("responses").properties()) {
                    checked += examples(at + "/responses/" + response.getKey(), response.getValue());
                }
            }
        }
        for (var response : doc.path("components").path("responses").properties()) {
            checked += examples("/components/responses/" + response.getKey(), response.getValue());
        }
        assertThat(checked).isGreaterThan(15);
    }

    private static int examples(String at, JsonNode holder) {
        int n = 0;
        for (var media : holder.path("content").properties()) {
            JsonNode example = media.getValue().get("example");
            if (example == null) {
                continue;
            }
            String pointer = at + "/content/" + escape(media.getKey()) + "/schema";
            if (media.getKey().equals("application/x-ndjson")) {
                for (String line : example.asString().lines().toList()) {
                    assertFits(pointer, line);
                }
            } else {
                assertFits(pointer, example.toString());
            }
            n++;
        }
        return n;
    }

    @Test
    void everyOperationsRealResponsesFitTheDocument() throws Exception {
        String bad = "{\"id\":\"X\",\"user\":{\"state\":\"ENABLED\"}}";
        check("post", "/v1/diagnoses", api.postJson("/v1/diagnoses", INCIDENT));
        check("post", "/v1/diagnoses", api.postJson("/v1/diagnoses", bad));
        check("post", "/v1/diagnoses", api.post("/v1/diagnoses", "text/plain", INCIDENT));
        check("post", "/v1/diagnoses", new ApiClient(small.port()).postJson("/v1/diagnoses", "{\"id\":\"X\",\"description\":\"" + "a".repeat(10_000) + "\"}"));
        check("post", "/v1/diagnoses", api.post("/v1/diagnoses", "application/x-ndjson", INCIDENT + "\n" + bad + "\nnot json\n"));
        check("post", "/v1/diagnoses", new ApiClient(small.port()).post("/v1/diagnoses", "application/x-ndjson", INCIDENT + "\n" + INCIDENT + "\n"));

        check("post", "/v1/explanations", api.postJson("/v1/explanations", INCIDENT));
        check("post", "/v1/explanations", api.postJson("/v1/explanations", bad));
        check("post", "/v1/why-not/{problemId}", api.postJson("/v1/why-not/token-not-working", INCIDENT));
        check("post", "/v1/why-not/{problemId}", api.postJson("/v1/why-not/token-not-working",
                "{\"id\":\"T\",\"error\":{\"message\":\"my soft token code is rejected\"}}")); // with a text report
        check("post", "/v1/why-not/{problemId}", api.postJson("/v1/why-not/nothing-of-the-kind", INCIDENT));

        JsonNode started = check("post", "/v1/consultations", api.postJson("/v1/consultations",
                "{\"symptom\":\"token not working\",\"incidentId\":\"OA-1\"}"));
        check("post", "/v1/consultations", api.postJson("/v1/consultations", "{}"));
        check("post", "/v1/consultations", api.postJson("/v1/consultations", "{\"symptom\":\"purple screen\"}"));
        String state = started.path("state").asString();
        String q = started.path("question").path("id").asString();
        JsonNode answered = check("post", "/v1/consultations/answers", api.postJson("/v1/consultations/answers",
                MAPPER.createObjectNode().put("state", state).put("question", q).put("answer", started.path("question").path("options").get(0).asString()).toString()));
        check("post", "/v1/consultations/answers", api.postJson("/v1/consultations/answers",
                MAPPER.createObjectNode().put("state", state).put("question", "user.locked").put("answer", "perhaps").toString()));
        check("post", "/v1/consultations/unknowns", api.postJson("/v1/consultations/unknowns",
                MAPPER.createObjectNode().put("state", answered.path("state").asString())
                        .put("question", answered.path("question").path("id").asString("user.locked")).toString()));
        check("post", "/v1/consultations/diagnosis", api.postJson("/v1/consultations/diagnosis",
                MAPPER.createObjectNode().put("state", state).toString()));
        check("post", "/v1/consultations/diagnosis", api.postJson("/v1/consultations/diagnosis", "{\"state\":\"forged\"}"));

        check("post", "/v1/tickets", api.postJson("/v1/tickets", "{\"incident\":" + INCIDENT + "}"));
        check("post", "/v1/tickets", api.postJson("/v1/tickets?redact=false", MAPPER.createObjectNode().put("state", state).toString()));
        check("post", "/v1/tickets", api.postJson("/v1/tickets", "{}"));
        check("get", "/v1/catalog", api.get("/v1/catalog"));
        check("get", "/v1/packs", api.get("/v1/packs"));

        Set<String> all = new HashSet<>();
        doc.path("paths").properties().forEach(p -> p.getValue().propertyNames().forEach(m -> all.add(m + " " + p.getKey())));
        assertThat(validated200).as("every operation's answer was checked").isEqualTo(all);
    }

    /** Checks one real response against the document's schema for its operation, status and media type. */
    private static JsonNode check(String method, String path, HttpResponse<String> r) {
        String op = "/paths/" + escape(path) + "/" + method;
        JsonNode responses = at(op + "/responses");
        String status = String.valueOf(r.statusCode());
        assertThat(responses.has(status) || responses.has("default")).as(method + " " + path + " " + status + " is documented").isTrue();
        String pointer = op + "/responses/" + (responses.has(status) ? status : "default");
        JsonNode response = at(pointer);
        if (response.has("$ref")) {
            pointer = response.get("$ref").asString().substring(1);
            response = at(pointer);
        }
        String media = ApiRoutes.mediaType(r.headers().firstValue("Content-Type").orElseThrow());
        assertThat(response.path("content").has(media)).as(method + " " + path + " " + status + " " + media + " is documented").isTrue();
        String schema = pointer + "/content/" + escape(media) + "/schema";
        if (media.equals("application/x-ndjson")) {
            r.body().lines().forEach(line -> assertFits(schema, line));
        } else {
            assertFits(schema, r.body());
        }
        if (r.statusCode() == 200) {
            validated200.add(method + " " + path);
        }
        return media.equals("application/x-ndjson") ? null : MAPPER.readTree(r.body());
    }

    private static void assertFits(String pointer, String json) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertThat(errors).as(pointer + " for " + (json.length() > 400 ? json.substring(0, 400) + "..." : json)).isEmpty();
    }

    private static JsonNode at(String pointer) {
        JsonNode n = doc.at(pointer);
        assertThat(n.isMissingNode()).as(pointer).isFalse();
        return n;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
