package dev.authdoctor.serve;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.SupportTicket;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import io.javalin.http.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code POST /v1/tickets}: the support-ticket draft for an incident, or for a consultation's gathered facts, as
 * {@code authdoctor diagnose --ticket} writes it. Redacted unless {@code ?redact=false}; the pseudonyms are keyed by
 * {@code AUTHDOCTOR_REDACT_KEY} when it is set, so every replica gives the same ones, else by a key of this process.
 */
final class TicketRoutes {

    static final String KEY_VARIABLE = "AUTHDOCTOR_REDACT_KEY";

    private final Supplier<Troubleshooter> doctor;
    private final Limits limits;
    private final SupportTicket.Redaction redaction;

    TicketRoutes(Supplier<Troubleshooter> doctor, Limits limits, SupportTicket.Redaction redaction) {
        this.doctor = doctor;
        this.limits = limits;
        this.redaction = redaction;
    }

    static SupportTicket.Redaction redactionFromEnvironment() {
        return redaction(System.getenv(KEY_VARIABLE));
    }

    /** As the command line: the organisation's key when given, else one of this process. */
    static SupportTicket.Redaction redaction(String key) {
        return key == null || key.isEmpty() ? SupportTicket.Redaction.withRandomKey() : SupportTicket.Redaction.withKey(key);
    }

    void ticket(Context ctx) {
        boolean redact = redact(ctx.queryParam("redact"));
        SupportTicket.Redaction r = redact ? redaction : SupportTicket.Redaction.none();
        ObjectNode body = RequestBodies.object(ctx, limits.maxBodyBytes(), "a ticket request", Set.of("incident", "state"));
        JsonNode given = body.get("incident");
        boolean hasState = body.hasNonNull("state");
        if ((given == null || given.isNull()) == !hasState) {
            throw ApiProblem.badRequest("a ticket request has exactly one of incident, state");
        }
        Troubleshooter t = doctor.get();
        Incident incident;
        if (hasState) {
            ConsultationState state = ConsultationState.decode(RequestBodies.requiredText(body, "state"));
            try {
                Consultation c = state.replay(t);
                incident = c.incident();
            } catch (IllegalArgumentException e) {
                throw ConsultationState.invalid("does not replay: " + e.getMessage());
            }
        } else {
            if (!given.isObject()) {
                throw RequestBodies.badField("incident", "must be an incident object");
            }
            incident = ApiRoutes.incident(given.toString(), ServiceEvents.NONE);
        }
        // The draft's rule trace needs the explained diagnosis, as the command line's --ticket does.
        Diagnosis explained = t.explain(incident);
        ObjectNode out = JsonMapper.shared().createObjectNode();
        out.put("fileName", SupportTicket.fileName(incident, r));
        out.put("due", SupportTicket.isDue(explained));
        out.put("redacted", redact);
        out.put("draft", SupportTicket.draft(incident, explained, r));
        ctx.contentType(ApiRoutes.JSON).result(out.toString());
    }

    private static boolean redact(String param) {
        if (param == null || param.equalsIgnoreCase("true")) {
            return true;
        }
        if (param.equalsIgnoreCase("false")) {
            return false;
        }
        throw RequestBodies.badField("redact", "\"" + param + "\" is not true or false");
    }
}
