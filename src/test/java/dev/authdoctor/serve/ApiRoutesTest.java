package dev.authdoctor.serve;

import io.javalin.Javalin;

import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.PackInfo;
import dev.authdoctor.api.SupportTicket;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.ReadResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.authdoctor.serve.ApiClient.INCIDENT;
import static dev.authdoctor.serve.ApiClient.json;
import static dev.authdoctor.serve.ApiClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** Explanations, why-not, tickets, catalog and packs: each one's answer, and its refusals. */
class ApiRoutesTest {

    static DiagnosisServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = DiagnosisServer.builder().port(0).troubleshooter(ApiClient.doctor()).build().start();
        server.awaitReady(Duration.ofSeconds(120));
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Incident incident(String json) {
        return ((ReadResult.Accepted) IncidentJson.read(json)).incident();
    }

    @Test
    void explainsAsTheLibraryDoes() throws Exception {
        HttpResponse<String> r = api.postJson("/v1/explanations", INCIDENT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(DiagnosisJson.toJson(ApiClient.doctor().explain(incident(INCIDENT))));
        assertThat(json(r).path("problems").get(0).path("explanations").get(0).path("because").toString()).contains("clockSkewSeconds");
    }

    @Test
    void explanationsRefuseAnInvalidIncidentAndAnotherMediaType() throws Exception {
        JsonNode p = problem(api.postJson("/v1/explanations", "{\"id\":\"X\",\"user\":{\"state\":\"ENABLED\"}}"), 422, "invalid-incident");
        assertThat(p.path("errors").get(0).asString()).isEqualTo("user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE");
        problem(api.post("/v1/explanations", "text/plain", INCIDENT), 415, "unsupported-media-type");
    }

    @Test
    void saysWhyNotRuleByRule() throws Exception {
        HttpResponse<String> r = api.postJson("/v1/why-not/activation-email-not-received", INCIDENT);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.path("problemId").asString()).isEqualTo("activation-email-not-received");
        assertThat(report.path("diagnosed").asBoolean()).isEqualTo(ApiClient.doctor().whyNot("activation-email-not-received", incident(INCIDENT)).diagnosed());
        assertThat(report.path("rules")).isNotEmpty();
        assertThat(report.path("rules").get(0).path("conditions").get(0).path("status").asString()).isIn("HELD", "NOT_HELD", "MISSING");
    }

    @Test
    void whyNotAnUnknownProblemIs404NamingIt() throws Exception {
        JsonNode p = problem(api.postJson("/v1/why-not/no-such-problem", INCIDENT), 404, "not-found");
        assertThat(p.path("detail").asString()).startsWith("no rule pack knows the problem no-such-problem; known: ")
                .contains("token-not-working");
    }

    @Test
    void draftsATicketRedactedByDefault() throws Exception {
        JsonNode t = json(api.postJson("/v1/tickets", "{\"incident\":" + INCIDENT + "}"));
        String draft = t.path("draft").asString();
        assertThat(t.path("redacted").asBoolean()).isTrue();
        assertThat(t.path("due").asBoolean()).isTrue(); // IF_PERSISTS with one attempt made
        assertThat(draft).contains("token-not-working").doesNotContain("m.okafor@example.com").doesNotContain("u-4481");
        assertThat(t.path("fileName").asString()).matches("incident-[0-9a-f]{12}\\.txt").doesNotContain("INC-1001");
        // the same key on this server gives the same pseudonyms: two drafts of one incident can be matched up
        assertThat(json(api.postJson("/v1/tickets", "{\"incident\":" + INCIDENT + "}")).path("fileName")).isEqualTo(t.path("fileName"));

        JsonNode kept = json(api.postJson("/v1/tickets?redact=false", "{\"incident\":" + INCIDENT + "}"));
        assertThat(kept.path("redacted").asBoolean()).isFalse();
        assertThat(kept.path("draft").asString()).contains("m.okafor@example.com");
    }

    @Test
    void replicasWithTheSameKeyAgreeOnPseudonyms() {
        Incident i = incident(INCIDENT);
        assertThat(SupportTicket.fileName(i, TicketRoutes.redaction("org-key")))
                .isEqualTo(SupportTicket.fileName(i, TicketRoutes.redaction("org-key")))
                .isNotEqualTo(SupportTicket.fileName(i, TicketRoutes.redaction("another-key")));
        // without a key, each process has its own
        assertThat(SupportTicket.fileName(i, TicketRoutes.redaction(null))).isNotEqualTo(SupportTicket.fileName(i, TicketRoutes.redaction("")));
    }

    @Test
    void ticketRefusals() throws Exception {
        problem(api.postJson("/v1/tickets", "{}"), 400, "bad-request");
        problem(api.postJson("/v1/tickets", "{\"incident\":" + INCIDENT + ",\"state\":\"x\"}"), 400, "bad-request");
        JsonNode field = problem(api.postJson("/v1/tickets", "{\"incident\":" + INCIDENT + ",\"extra\":1}"), 400, "bad-request");
        assertThat(field.path("errors").get(0).asString()).startsWith("extra: not a field of a ticket request");
        JsonNode redact = problem(api.postJson("/v1/tickets?redact=maybe", "{\"incident\":" + INCIDENT + "}"), 400, "bad-request");
        assertThat(redact.path("detail").asString()).isEqualTo("redact: \"maybe\" is not true or false");
        JsonNode invalid = problem(api.postJson("/v1/tickets", "{\"incident\":{\"id\":\"X\",\"user\":{\"locked\":\"perhaps\"}}}"),
                422, "invalid-incident");
        assertThat(invalid.path("errors").toString()).contains("user.locked");
        problem(api.postJson("/v1/tickets", "[1,2]"), 400, "bad-request");
        problem(api.postJson("/v1/tickets", "{not json"), 400, "bad-request");
    }

    @Test
    void listsTheCatalogAsTheLibraryStatesIt() throws Exception {
        HttpResponse<String> r = api.get("/v1/catalog");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode problems = json(r).path("problems");
        var entries = ApiClient.doctor().catalog();
        assertThat(problems.size()).isEqualTo(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(problems.get(i).path("problemId").asString()).isEqualTo(entries.get(i).problemId());
            assertThat(problems.get(i).path("steps").size()).isEqualTo(entries.get(i).steps().size());
        }
        assertThat(api.get("/v1/catalog").body()).isEqualTo(r.body());
    }

    @Test
    void listsThePacksWithTheirHashes() throws Exception {
        JsonNode packs = json(api.get("/v1/packs")).path("packs");
        var inUse = ApiClient.doctor().packs();
        assertThat(packs.size()).isEqualTo(inUse.size());
        PackInfo builtIn = inUse.get(0);
        assertThat(packs.get(0).path("name").asString()).isEqualTo(builtIn.name());
        assertThat(packs.get(0).path("sha256").asString()).isEqualTo(builtIn.sha256());
        assertThat(packs.get(0).path("rules").asLong()).isEqualTo(
                ApiClient.doctor().rules().stream().filter(x -> x.pack().equals(builtIn.name())).count()).isPositive();
        assertThat(packs.get(0).has("folder")).isFalse();
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        // A small limit and a body a little over it: it fits the sockets' buffers, so the client reads the refusal
        // instead of racing it (a client still uploading megabytes may see the closed connection first).
        Javalin small = ApiClient.app(new Limits(4096, 10, 1 << 20));
        try {
            ApiClient client = new ApiClient(small.port());
            String over = "{\"id\":\"X\",\"description\":\"" + "a".repeat(4096) + "\"}";
            problem(client.postJson("/v1/diagnoses", over), 413, "too-large");
            problem(client.postJson("/v1/consultations", over), 413, "too-large");
        } finally {
            small.stop();
        }
    }
}
