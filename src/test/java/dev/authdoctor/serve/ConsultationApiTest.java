package dev.authdoctor.serve;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.DiagnosisJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

import static dev.authdoctor.serve.ApiClient.MAPPER;
import static dev.authdoctor.serve.ApiClient.json;
import static dev.authdoctor.serve.ApiClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** Consultations carried by the client: replayed by any server, refused naming {@code state} when tampered with. */
class ConsultationApiTest {

    static final String START = "{\"message\":\"Your token is not working\",\"symptom\":\"token not working\",\"incidentId\":\"C-1\"}";
    static DiagnosisServer one;
    static DiagnosisServer two;
    static ApiClient onOne;
    static ApiClient onTwo;

    @BeforeAll
    static void start() {
        one = DiagnosisServer.builder().port(0).troubleshooter(ApiClient.doctor()).build().start();
        two = DiagnosisServer.builder().port(0).troubleshooter(ApiClient.doctor()).build().start();
        one.awaitReady(Duration.ofSeconds(120));
        two.awaitReady(Duration.ofSeconds(120));
        onOne = new ApiClient(one.port());
        onTwo = new ApiClient(two.port());
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    static String answer(String state, String question, String answer) {
        ObjectNode o = MAPPER.createObjectNode().put("state", state).put("question", question).put("answer", answer);
        return o.toString();
    }

    /**
     * Started on one server and answered on another, the consultation goes on exactly as the library's does, and as
     * the first server continues it: nothing of it lived in either server.
     */
    @Test
    void startedOnOneServerItContinuesOnAnother() throws Exception {
        JsonNode started = ok(onOne.postJson("/v1/consultations", START));
        Consultation local = Consultation.start(ApiClient.doctor(), "C-1", "token not working", "Your token is not working", null);
        assertThat(started.path("question").path("id").asString()).isEqualTo(local.next().orElseThrow().id());
        String q1 = started.path("question").path("id").asString();
        String a1 = started.path("question").path("options").get(0).asString();

        JsonNode onSecond = ok(onTwo.postJson("/v1/consultations/answers", answer(started.path("state").asString(), q1, a1)));
        JsonNode onFirst = ok(onOne.postJson("/v1/consultations/answers", answer(started.path("state").asString(), q1, a1)));
        assertThat(onSecond).isEqualTo(onFirst);

        local.answer(q1, a1);
        assertThat(onSecond.path("question").path("id").asString()).isEqualTo(local.next().map(Consultation.Question::id).orElse(null));
        assertThat(onSecond.path("remaining").asInt()).isEqualTo(local.remaining());
        assertThat(onSecond.path("answers").path(q1).asString()).isEqualTo(a1);
        assertThat(onSecond.path("diagnosis").toString()).isEqualTo(MAPPER.readTree(DiagnosisJson.toJson(local.diagnosis())).toString());

        // a question left unknown, on the first server, from the second's state
        String q2 = onSecond.path("question").path("id").asString();
        JsonNode unknown = ok(onOne.postJson("/v1/consultations/unknowns",
                MAPPER.createObjectNode().put("state", onSecond.path("state").asString()).put("question", q2).toString()));
        assertThat(unknown.path("unknowns").toString()).contains(q2);
        assertThat(unknown.path("asked")).extracting(JsonNode::asString).containsExactly(q1, q2);
        assertThat(unknown.path("remaining").asInt()).isLessThanOrEqualTo(onSecond.path("remaining").asInt());

        // the current view, asked of a server that has just been restarted
        two.close();
        two = DiagnosisServer.builder().port(0).troubleshooter(ApiClient.doctor()).build().start();
        two.awaitReady(Duration.ofSeconds(60));
        onTwo = new ApiClient(two.port());
        JsonNode current = ok(onTwo.postJson("/v1/consultations/diagnosis",
                MAPPER.createObjectNode().put("state", unknown.path("state").asString()).toString()));
        assertThat(current).isEqualTo(unknown);

        // and its ticket draft, from the state alone
        JsonNode ticket = ok(onTwo.postJson("/v1/tickets", MAPPER.createObjectNode().put("state", unknown.path("state").asString()).toString()));
        assertThat(ticket.path("draft").asString()).contains("TOKEN_NOT_WORKING");
    }

    @Test
    void aTamperedStateIs400NamingStateNever500() throws Exception {
        JsonNode p = problem(onOne.postJson("/v1/consultations/diagnosis", "{\"state\":\"not a state!\"}"), 400, "bad-request");
        assertThat(p.path("errors").get(0).asString()).startsWith("state: ");

        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"v\":1,\"start\":{\"incidentId\":\"C-1\","
                + "\"symptom\":\"token not working\"},\"steps\":[{\"q\":\"user.locked\",\"a\":\"perhaps\"}]}").getBytes(StandardCharsets.UTF_8));
        JsonNode replay = problem(onOne.postJson("/v1/consultations/diagnosis", "{\"state\":\"" + forged + "\"}"), 400, "bad-request");
        assertThat(replay.path("detail").asString())
                .isEqualTo("state: does not replay: user.locked: \"perhaps\" is not one of yes, no (or unknown)");

        String valid = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"v\":1,\"start\":{\"incidentId\":\"C-1\",\"symptom\":\"NO_SUCH\"},\"steps\":[]}".getBytes(StandardCharsets.UTF_8));
        problem(onOne.postJson("/v1/consultations/diagnosis", "{\"state\":\"" + valid + "\"}"), 400, "bad-request");

        StringBuilder many = new StringBuilder("{\"v\":1,\"start\":{\"incidentId\":\"C-1\",\"symptom\":\"token not working\"},\"steps\":[");
        for (int i = 0; i <= ConsultationState.MAX_STEPS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"q\":\"user.locked\"}");
        }
        String tooMany = Base64.getUrlEncoder().encodeToString(many.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        assertThat(problem(onOne.postJson("/v1/consultations/diagnosis", "{\"state\":\"" + tooMany + "\"}"), 400, "bad-request")
                .path("detail").asString()).startsWith("state: holds more than");

        // every single-character change of a real state: refused naming state, or (still a state) answered; never a 500
        String state = new ConsultationState(new ConsultationState.Start("C-1", null, "TOKEN_NOT_WORKING", null),
                java.util.List.of(new ConsultationState.Step("user.locked", "no"))).encode();
        Random random = new Random(13);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/!";
        for (int i = 0; i < 40; i++) {
            char[] c = state.toCharArray();
            c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            HttpResponse<String> r = onOne.postJson("/v1/consultations/diagnosis", "{\"state\":\"" + new String(c) + "\"}");
            assertThat(r.statusCode()).as(new String(c) + " -> " + r.body()).isIn(200, 400);
            if (r.statusCode() == 400) {
                assertThat(json(r).path("detail").asString()).startsWith("state: ");
            }
        }
    }

    @Test
    void refusesWhatACommandLineConsultationWouldRefuse() throws Exception {
        JsonNode none = problem(onOne.postJson("/v1/consultations", "{\"incidentId\":\"C-2\"}"), 400, "bad-request");
        assertThat(none.path("detail").asString()).contains("message, symptom, description");
        JsonNode symptom = problem(onOne.postJson("/v1/consultations", "{\"symptom\":\"purple screen\"}"), 422, "invalid-incident");
        assertThat(symptom.path("errors").get(0).asString()).startsWith("symptom: \"purple screen\" is not one of ");
        JsonNode typed = problem(onOne.postJson("/v1/consultations", "{\"message\":42}"), 400, "bad-request");
        assertThat(typed.path("detail").asString()).isEqualTo("message: must be a string, not number");

        String state = new ConsultationState(new ConsultationState.Start("C-3", null, "TOKEN_NOT_WORKING", null), java.util.List.of()).encode();
        JsonNode bad = problem(onOne.postJson("/v1/consultations/answers", answer(state, "user.locked", "perhaps")), 422, "invalid-answer");
        assertThat(bad.path("errors").get(0).asString()).isEqualTo("user.locked: \"perhaps\" is not one of yes, no (or unknown)");
        JsonNode number = problem(onOne.postJson("/v1/consultations/answers", answer(state, "device.clockSkewSeconds", "lots")),
                422, "invalid-answer");
        assertThat(number.path("detail").asString()).isEqualTo("device.clockSkewSeconds: \"lots\" is not a whole number (or say unknown)");
        JsonNode noSuch = problem(onOne.postJson("/v1/consultations/unknowns",
                MAPPER.createObjectNode().put("state", state).put("question", "user.favouriteColour").toString()), 422, "invalid-answer");
        assertThat(noSuch.path("detail").asString()).isEqualTo("no such question: user.favouriteColour");
        JsonNode missing = problem(onOne.postJson("/v1/consultations/answers", "{\"state\":\"" + state + "\",\"question\":\"user.locked\"}"),
                400, "bad-request");
        assertThat(missing.path("detail").asString()).startsWith("answer: is required");
        problem(onOne.postJson("/v1/consultations/diagnosis", "{}"), 400, "bad-request");
    }
}
