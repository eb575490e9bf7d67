package dev.authdoctor.serve;

import io.javalin.http.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Reads bounded request bodies, and the API's small request objects field by field, naming the field that is wrong. */
final class RequestBodies {

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private RequestBodies() {
    }

    /**
     * The body, at most {@code maxBytes}: read here rather than trusted to a Content-Length, so a chunked body is
     * bounded too.
     */
    static byte[] bytes(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(413, "too-large", "Request too large",
                "over a limit: the body is longer than " + maxBytes + " bytes", List.of());
    }

    /** The body as one JSON object whose fields are all among {@code known}; 400 naming what is wrong otherwise. */
    static ObjectNode object(Context ctx, long maxBytes, String what, Set<String> known) {
        ApiRoutes.requireJson(ctx);
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes(ctx, maxBytes));
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badRequest("the body is not a JSON object (" + what + ")");
        }
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw badField(name, "not a field of " + what + " (the fields are " + String.join(", ", known) + ")");
            }
        }
        return (ObjectNode) node;
    }

    /** A string field; null when absent or null; 400 naming it when it is another type. */
    static String text(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw badField(field, "must be a string, not " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v.asString();
    }

    /** A string field that must be there and not blank. */
    static String requiredText(ObjectNode o, String field) {
        String v = text(o, field);
        if (v == null || v.isBlank()) {
            throw badField(field, "is required");
        }
        return v;
    }

    /** A refusal of one field of a request object (400), the field first as in the command line's messages. */
    static ApiProblem badField(String field, String what) {
        String message = field + ": " + what;
        return new ApiProblem(400, "bad-request", "Bad request", message, List.of(message));
    }
}
