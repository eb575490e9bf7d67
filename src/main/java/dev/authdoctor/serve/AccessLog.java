package dev.authdoctor.serve;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * One access-log line and one metrics sample per request, refused ones included. The line names the route template
 * ({@code POST /v1/why-not/{problemId}}), never the path as sent, and no query string, address, header or body: a
 * path or a query can carry a user id or an e-mail address.
 */
final class AccessLog extends Handler.Wrapper {

    /** The access log's logger; {@code authdoctor serve} shows it on standard output. */
    static final String LOGGER = "dev.authdoctor.serve.access";
    /** Where the API puts the route template it matched (a {@link Route} the log reads when the request ends). */
    static final String ROUTE_ATTRIBUTE = "dev.authdoctor.serve.route";
    /** The route of a request that matched none (a 404, or refused before routing). */
    static final String UNMATCHED = "-";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final ServiceMetrics metrics;

    AccessLog(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    /** Filled in by the router when it knows which route took the request. */
    static final class Route {
        volatile String template = UNMATCHED;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        Route route = new Route();
        request.setAttribute(ROUTE_ATTRIBUTE, route);
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        metrics.started();
        Callback logged = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                done(method, route, response, start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                done(method, route, response, start);
                super.failed(x);
            }
        };
        boolean handled;
        try {
            handled = super.handle(request, response, logged);
        } catch (Exception | Error e) {
            done(method, route, response, start);
            throw e;
        }
        if (!handled) {
            done(method, route, response, start);
        }
        return handled;
    }

    private void done(String method, Route route, Response response, long start) {
        long nanos = System.nanoTime() - start;
        int status = response.getStatus();
        metrics.request(method, route.template, status, nanos);
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {}ms {}B", method, route.template, status,
                    String.format(Locale.ROOT, "%.1f", nanos / 1e6), Response.getContentBytesWritten(response));
        }
    }
}
