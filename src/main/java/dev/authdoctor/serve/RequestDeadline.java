package dev.authdoctor.serve;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A request's body must arrive within a deadline counted from its first byte. The idle timeout closes a connection
 * that goes silent, but a client that sends a byte every few seconds never goes silent and would keep its
 * concurrency slot as long as it liked: a few such clients would leave everyone else 503s.
 *
 * <p>Past the deadline the next read fails with a {@link TimeoutException}, which the routes answer as 408 (a JSON
 * Lines batch: a problem line after the lines answered). The check is made when the application reads or asks for
 * more, as Jetty's own {@code MinimumDataRateHandler} does, so a client that goes silent past the deadline is cut
 * off by the idle timeout instead: the time a request holds its slot is at most the deadline plus the idle timeout.
 */
final class RequestDeadline extends Handler.Wrapper {

    private final long nanos;

    RequestDeadline(Duration deadline) {
        this.nanos = deadline.toNanos();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(new Timed(request, request.getBeginNanoTime() + nanos), response, callback);
    }

    private static final class Timed extends Request.Wrapper {

        private final long end;
        private volatile Content.Chunk expired;

        Timed(Request request, long end) {
            super(request);
            this.end = end;
        }

        private boolean pastDeadline() {
            if (expired == null && NanoTime.isBefore(end, NanoTime.now())) {
                expired = Content.Chunk.from(new TimeoutException("the body did not arrive within the request deadline"), true);
            }
            return expired != null;
        }

        @Override
        public Content.Chunk read() {
            return pastDeadline() ? expired : super.read();
        }

        @Override
        public void demand(Runnable onContent) {
            if (pastDeadline()) {
                onContent.run(); // the next read gives the failure at once
                return;
            }
            super.demand(onContent);
        }
    }
}
