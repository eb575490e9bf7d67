package dev.authdoctor.serve;

import io.javalin.http.Context;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes refusals as RFC 9457 problem details. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are URNs: stable names a client can switch on, not links to follow. */
    static final String TYPE_PREFIX = "urn:authdoctor:problem:";

    private Problems() {
    }

    static void write(Context ctx, ApiProblem p, int retryAfterSeconds) {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("type", TYPE_PREFIX + p.type);
        body.put("title", p.title);
        body.put("status", p.status);
        body.put("detail", p.getMessage());
        if (!p.errors.isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            p.errors.forEach(errors::add);
        }
        if (p.status == 503 || p.status == 429) {
            ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
        }
        if (p.status == 413) { // the rest of the body is discarded, not read as a next request (BodyDrain)
            ctx.header("Connection", "close");
        }
        ctx.status(p.status).contentType(MEDIA_TYPE).result(body.toString());
    }
}
