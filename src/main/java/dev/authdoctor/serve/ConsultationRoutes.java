package dev.authdoctor.serve;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.Troubleshooter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Consultations over HTTP, stateless: every response carries the consultation's {@code state} (its start and the
 * answers so far), every later request sends it back, and the server replays it ({@link ConsultationState}).
 */
final class ConsultationRoutes {

    static final String DEFAULT_INCIDENT_ID = "consultation"; // as `authdoctor consult --id` defaults
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final Supplier<Troubleshooter> doctor;
    private final ServiceEvents events;
    private final Limits limits;
    private final Warm warm = new Warm();

    ConsultationRoutes(Supplier<Troubleshooter> doctor, ServiceEvents events, Limits limits) {
        this.doctor = doctor;
        this.events = events;
        this.limits = limits;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/consultations", this::start);
        routes.post("/v1/consultations/answers", this::answer);
        routes.post("/v1/consultations/unknowns", this::unknown);
        routes.post("/v1/consultations/diagnosis", this::diagnosis);
    }

    private void start(Context ctx) {
        ObjectNode body = RequestBodies.object(ctx, limits.maxBodyBytes(), "a consultation's start",
                Set.of("message", "symptom", "description", "incidentId"));
        String incidentId = RequestBodies.text(body, "incidentId");
        ConsultationState.Start start = new ConsultationState.Start(
                incidentId == null || incidentId.isBlank() ? DEFAULT_INCIDENT_ID : incidentId,
                RequestBodies.text(body, "message"), RequestBodies.text(body, "symptom"), RequestBodies.text(body, "description"));
        if (blank(start.message()) && blank(start.symptom()) && blank(start.description())) {
            throw ApiProblem.badRequest("a consultation starts from at least one of message, symptom, description");
        }
        Troubleshooter t = doctor.get();
        ConsultationState state = new ConsultationState(start, List.of());
        Consultation c;
        try {
            c = state.replay(t);
        } catch (IllegalArgumentException e) {
            events.rejected();
            throw ApiProblem.invalidIncident(List.of(e.getMessage()));
        }
        events.consultation("start");
        answer(ctx, state, c, t);
    }

    private void answer(Context ctx) {
        ObjectNode body = RequestBodies.object(ctx, limits.maxBodyBytes(), "an answer", Set.of("state", "question", "answer"));
        ConsultationState state = state(body);
        String question = RequestBodies.requiredText(body, "question");
        String answer = answerOf(body);
        Troubleshooter t = doctor.get();
        Consultation c = replay(state, t);
        try {
            c.answer(question, answer);
        } catch (IllegalArgumentException e) {
            throw invalidAnswer(e); // the consultation taken is not put back: it may be half changed
        }
        events.consultation("answer");
        answer(ctx, state.with(new ConsultationState.Step(question, answer)), c, t);
    }

    private void unknown(Context ctx) {
        ObjectNode body = RequestBodies.object(ctx, limits.maxBodyBytes(), "an unknown", Set.of("state", "question"));
        ConsultationState state = state(body);
        String question = RequestBodies.requiredText(body, "question");
        Troubleshooter t = doctor.get();
        Consultation c = replay(state, t);
        try {
            c.unknown(question);
        } catch (IllegalArgumentException e) {
            throw invalidAnswer(e);
        }
        events.consultation("unknown");
        answer(ctx, state.with(new ConsultationState.Step(question, null)), c, t);
    }

    private void diagnosis(Context ctx) {
        ObjectNode body = RequestBodies.object(ctx, limits.maxBodyBytes(), "a consultation", Set.of("state"));
        ConsultationState state = state(body);
        Troubleshooter t = doctor.get();
        Consultation c = replay(state, t);
        events.consultation("diagnosis");
        answer(ctx, state, c, t);
    }

    /** The state a request carries, checked to leave room for one more answer. */
    private static ConsultationState state(ObjectNode body) {
        ConsultationState state = ConsultationState.decode(RequestBodies.requiredText(body, "state"));
        if (state.steps().size() >= ConsultationState.MAX_STEPS) {
            throw ConsultationState.invalid("holds the most answers a consultation takes (" + ConsultationState.MAX_STEPS + ")");
        }
        return state;
    }

    /** An answer as text; a whole number may come as a JSON number. */
    private static String answerOf(ObjectNode body) {
        JsonNode v = body.get("answer");
        if (v != null && v.isIntegralNumber()) {
            return v.asString();
        }
        String a = RequestBodies.text(body, "answer");
        if (a == null) {
            throw RequestBodies.badField("answer", "is required (say \"unknown\" when it is not known)");
        }
        return a;
    }

    /**
     * The consultation this state describes: taken from this server's warm ones when it has it, else rebuilt; a state
     * that does not replay was not written by this API as it stands.
     */
    private Consultation replay(ConsultationState state, Troubleshooter t) {
        Consultation c = warm.take(state, t);
        if (c != null) {
            return c;
        }
        try {
            return state.replay(t);
        } catch (IllegalArgumentException e) {
            throw ConsultationState.invalid("does not replay: " + e.getMessage());
        }
    }

    /** An answer the question does not take (422), in the command line's words, which name the question. */
    private static ApiProblem invalidAnswer(IllegalArgumentException e) {
        return new ApiProblem(422, "invalid-answer", "The answer is not one the question takes", e.getMessage(),
                List.of(e.getMessage()));
    }

    private void answer(Context ctx, ConsultationState state, Consultation c, Troubleshooter t) {
        events.diagnosed(c.diagnosis());
        ctx.contentType(ApiRoutes.JSON).result(view(state, c).toString());
        warm.keep(state, c, t);
    }

    /**
     * The consultations this server answered last, by state: only a cache. Rebuilding one replays every answer and
     * works out the questions again after each (seconds, on a busy machine); continuing a warm one costs one answer.
     * Continuing gives what replaying gives ({@link Consultation} is deterministic), so a request that reaches another
     * replica, or comes after a restart, gets the same answer, only slower. A consultation is taken out while a request
     * uses it (it is not thread-safe), and is kept only for the rules it was made with: after a pack reload it misses.
     */
    static final class Warm {
        /** Each holds its memo of trial diagnoses: a few, for the agents at work now. */
        static final int SIZE = 32;
        private final Map<String, Entry> byState = new java.util.LinkedHashMap<>(SIZE, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > SIZE;
            }
        };

        /**
         * @param rules the troubleshooter's {@link Troubleshooter#rulePacks()} list when it was made: the list of one
         *              compiled version, replaced on reload, so compared by identity (a copy would only ever miss)
         */
        private record Entry(Consultation consultation, Object rules) {
        }

        synchronized Consultation take(ConsultationState state, Troubleshooter t) {
            Entry e = byState.remove(state.encode());
            return e != null && e.rules() == t.rulePacks() ? e.consultation() : null;
        }

        synchronized void keep(ConsultationState state, Consultation c, Troubleshooter t) {
            byState.put(state.encode(), new Entry(c, t.rulePacks()));
        }

        synchronized int size() {
            return byState.size();
        }
    }

    /** The consultation view of SERVE-API.md: the state to send back, the next question, and the diagnosis so far. */
    static ObjectNode view(ConsultationState state, Consultation c) {
        ObjectNode v = MAPPER.createObjectNode();
        v.put("state", state.encode());
        Optional<Consultation.Question> next = c.next();
        if (next.isPresent()) {
            Consultation.Question q = next.get();
            ObjectNode question = v.putObject("question");
            question.put("id", q.id());
            question.put("prompt", q.prompt());
            ArrayNode options = question.putArray("options");
            q.options().forEach(options::add);
            question.put("number", q.number());
        } else {
            v.putNull("question");
        }
        v.put("remaining", c.remaining());
        ArrayNode asked = v.putArray("asked");
        c.asked().forEach(asked::add);
        ObjectNode answers = v.putObject("answers");
        for (Map.Entry<String, String> e : c.answers().entrySet()) {
            answers.put(e.getKey(), e.getValue());
        }
        ArrayNode unknowns = v.putArray("unknowns");
        c.unknowns().forEach(unknowns::add);
        v.put("inPlay", c.inPlay());
        v.set("incident", MAPPER.readTree(c.incidentJson()));
        v.set("diagnosis", MAPPER.readTree(DiagnosisJson.toJson(c.diagnosis())));
        return v;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
