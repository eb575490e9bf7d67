package dev.authdoctor.serve;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.Troubleshooter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A consultation as the client carries it: how it started and the answers so far, in order. A consultation is
 * deterministic given these, so any replica, or a restarted server, rebuilds it by replaying them; the server keeps
 * nothing. The token is base64url of a small JSON document; it is not signed, since forging one gains nothing a
 * client could not get by asking the same questions itself. A token that does not decode or replay is refused
 * naming the field {@code state}.
 *
 * @param start how it started
 * @param steps the answers so far, in the order given; a null answer is a question left unknown
 */
record ConsultationState(Start start, List<Step> steps) {

    /** The document's version: a later server that changes the layout still reads this one. */
    private static final int VERSION = 1;
    /** Far more answers than a consultation has questions (each may be corrected a few times); bounds a replay's cost. */
    static final int MAX_STEPS = 4 * Consultation.QUESTIONS.size();
    private static final JsonMapper MAPPER = JsonMapper.shared();

    /** What was reported at the start; the texts as given, the symptom as named or in words. */
    record Start(String incidentId, String message, String symptom, String description) {
    }

    /** One answer: the question's id and the answer as given, or null for unknown. */
    record Step(String question, String answer) {
    }

    ConsultationState {
        steps = List.copyOf(steps);
    }

    ConsultationState with(Step step) {
        List<Step> next = new ArrayList<>(steps);
        next.add(step);
        return new ConsultationState(start, next);
    }

    /** Starts the consultation and replays the answers; the callers have checked each when it was first given. */
    Consultation replay(Troubleshooter doctor) {
        Consultation c = Consultation.start(doctor, start.incidentId(), start.symptom(), start.message(), start.description());
        for (Step s : steps) {
            if (s.answer() == null) {
                c.unknown(s.question());
            } else {
                c.answer(s.question(), s.answer());
            }
        }
        return c;
    }

    String encode() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        ObjectNode s = root.putObject("start");
        s.put("incidentId", start.incidentId());
        putIfSet(s, "message", start.message());
        putIfSet(s, "symptom", start.symptom());
        putIfSet(s, "description", start.description());
        ArrayNode a = root.putArray("steps");
        for (Step step : steps) {
            ObjectNode o = a.addObject().put("q", step.question());
            if (step.answer() != null) {
                o.put("a", step.answer());
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(root.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token.
     *
     * @throws ApiProblem 400 naming {@code state} when it is not one this server wrote
     */
    static ConsultationState decode(String token) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Base64.getUrlDecoder().decode(token.strip()));
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid("not a consultation state (base64url of a JSON document)");
        }
        if (root == null || !root.isObject() || root.path("v").asInt(-1) != VERSION) {
            throw invalid("not a consultation state of version " + VERSION);
        }
        JsonNode s = root.path("start");
        if (!s.isObject() || !s.path("incidentId").isString()) {
            throw invalid("has no start");
        }
        Start start = new Start(s.get("incidentId").asString(), string(s, "message"), string(s, "symptom"), string(s, "description"));
        JsonNode a = root.path("steps");
        if (!a.isArray()) {
            throw invalid("has no steps");
        }
        if (a.size() > MAX_STEPS) {
            throw invalid("holds more than " + MAX_STEPS + " answers");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : a) {
            if (!step.isObject() || !step.path("q").isString()) {
                throw invalid("step " + (steps.size() + 1) + " names no question");
            }
            steps.add(new Step(step.get("q").asString(), string(step, "a")));
        }
        return new ConsultationState(start, steps);
    }

    /** A refusal of the state as the client sent it (400, naming the field). */
    static ApiProblem invalid(String what) {
        return RequestBodies.badField("state", what);
    }

    private static String string(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw invalid(field + " is not a string");
        }
        return v.asString();
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
