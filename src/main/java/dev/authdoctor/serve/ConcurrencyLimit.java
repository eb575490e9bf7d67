package dev.authdoctor.serve;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;

/**
 * At most {@code maxConcurrent} requests run at once; a few more wait (bounded in number and in time) for a slot,
 * and the rest are refused at once with 503 and {@code Retry-After}, as problem details. Jetty's QoSHandler does the
 * counting and the waiting; this only words the refusal. Health, readiness and metrics are not counted: a saturated
 * server must still say it is alive and show why it is busy.
 */
final class ConcurrencyLimit extends QoSHandler {

    private final int retryAfterSeconds;

    ConcurrencyLimit(int maxConcurrent, int maxQueued, Duration maxWait, int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        setMaxRequestCount(maxConcurrent);
        setMaxSuspendedRequestCount(maxQueued);
        setMaxSuspend(maxWait);
        excludePath("/healthz", "/readyz", "/metrics");
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        JettyProblems.write(response, JettyProblems.forStatus(503), retryAfterSeconds, callback);
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        if (response.isCommitted()) {
            callback.failed(failure);
        } else {
            // 503 when the wait ran out; another status when the resumed request failed
            JettyProblems.write(response, JettyProblems.forStatus(status), retryAfterSeconds, callback);
        }
    }
}
