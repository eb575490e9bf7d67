package dev.authdoctor.serve;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refusals made below the API (by the guard, the concurrency limit, Jetty's own checks) as the same RFC 9457 problem
 * details the API writes, so a client sees one shape of error whatever refused it.
 */
final class JettyProblems extends ErrorHandler {

    private final int retryAfterSeconds;

    JettyProblems(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Jetty's errors (a bad request line, a body over the limit, a request refused when saturated, ...). */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        write(response, forStatus(code), retryAfterSeconds, callback);
    }

    static void write(Response response, ApiProblem p, int retryAfterSeconds, Callback callback) {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put("type", Problems.TYPE_PREFIX + p.type);
        body.put("title", p.title);
        body.put("status", p.status);
        body.put("detail", p.getMessage());
        response.setStatus(p.status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (p.status == 503 || p.status == 429) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        if (p.status == 413) { // the body is not read: the connection cannot carry another request (BodyDrain)
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        // the request path may have chosen the page's policy; a problem document is never a page
        SecurityHeaders.api(response.getHeaders());
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** A fixed wording per status: Jetty's own messages can quote the request, which stays out of answers. */
    static ApiProblem forStatus(int status) {
        return switch (status) {
            case 400 -> new ApiProblem(400, "bad-request", "Bad request", "the request could not be read as HTTP", List.of());
            case 401 -> new ApiProblem(401, "unauthorized", "Unauthorized", "a valid bearer token is required", List.of());
            case 404 -> ApiProblem.notFound("no such resource");
            case 408 -> new ApiProblem(408, "request-timeout", "Request timeout", "the request was not received in time", List.of());
            case 413 -> new ApiProblem(413, "too-large", "Content too large", "the request body is larger than the server takes", List.of());
            case 414 -> new ApiProblem(414, "uri-too-long", "URI too long", "the request URI is longer than the server takes", List.of());
            case 431 -> new ApiProblem(431, "headers-too-large", "Request header fields too large", "the request headers are larger than the server takes", List.of());
            case 503 -> new ApiProblem(503, "unavailable", "Service unavailable", "the server is busy or stopping; retry after the time given", List.of());
            default -> new ApiProblem(status, status >= 500 ? "internal" : "bad-request", status >= 500 ? "Internal error" : "Bad request",
                    "the request failed (HTTP " + status + ")", List.of());
        };
    }
}
