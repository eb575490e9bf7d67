package dev.authdoctor.serve;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.List;
import java.util.Locale;

/**
 * The door in front of every route: security headers on every answer, the bearer token when one is set, and bodies
 * declared larger than the limit refused before a byte of them is read.
 */
final class Guard extends Handler.Wrapper {

    private final BearerToken token;
    private final boolean tls;
    private final Limits limits;
    private final int retryAfterSeconds;

    Guard(BearerToken token, boolean tls, Limits limits, int retryAfterSeconds) {
        this.token = token;
        this.tls = tls;
        this.limits = limits;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Paths open without the token: health and readiness (load balancers probe them without credentials), and the
     * page's static files and the OpenAPI document, which hold no data (a client is generated from the document
     * before it has a token; the page's calls to the API need the token like any client's).
     */
    static boolean open(String path) {
        return path.equals("/healthz") || path.equals("/readyz") || path.equals("/openapi.json") || SecurityHeaders.isPage(path);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        SecurityHeaders.apply(response.getHeaders(), path, tls);
        if (token != null && !open(path)) {
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (!token.accepts(authorization)) {
                // RFC 6750: a token that was sent and is wrong is named as such; a missing one is just challenged
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE,
                        authorization == null ? "Bearer realm=\"authdoctor\"" : "Bearer realm=\"authdoctor\", error=\"invalid_token\"");
                JettyProblems.write(response, JettyProblems.forStatus(401), retryAfterSeconds, callback);
                return true;
            }
        }
        long declared = request.getLength();
        if (declared > bodyLimit(request)) {
            JettyProblems.write(response, new ApiProblem(413, "too-large", "Content too large",
                    "the body is " + declared + " bytes; this request takes at most " + bodyLimit(request), List.of()),
                    retryAfterSeconds, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** JSON Lines batches are streamed and may be larger than one JSON body. */
    private long bodyLimit(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean lines = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-ndjson");
        return lines ? limits.maxStreamBytes() : limits.maxBodyBytes();
    }
}
