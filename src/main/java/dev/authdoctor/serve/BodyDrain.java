package dev.authdoctor.serve;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * After a body is refused for its size, reads and discards what the client still sends, within bounds, before the
 * connection closes: the server's answer and a lingering close, as nginx's {@code lingering_close} does.
 *
 * <p>Jetty answers and then closes at once; when more of the body arrives at a closed socket the kernel resets the
 * connection, and a client still sending (Python's http.client, browsers, any client that reads only once it has
 * sent) sees ECONNRESET or a broken pipe instead of its 413. Here the answer goes out first, with
 * {@code Connection: close}, so a client that reads while it sends stops early; then the rest is read and thrown
 * away, without blocking a thread (Jetty's demand), until the body ends, {@code maxBytes} have been discarded or
 * {@code maxTime} has passed, whichever is first. Past a bound Jetty closes as before. A client that sent
 * {@code Expect: 100-continue} is answered on its headers and is never told to continue, so it sends nothing.
 *
 * <p>It drains after a 413, and after an answer whose route marks the request with {@link #ATTRIBUTE} (a JSON Lines
 * stream that stopped at a limit). Other early answers (401, 408, 503) are left to Jetty: a slow client is not
 * worth waiting for.
 */
final class BodyDrain extends Handler.Wrapper {

    /** A request attribute a route sets when it stops reading a body the client is still sending. */
    static final String ATTRIBUTE = "authdoctor.drainBody";

    private final long maxBytes;
    private final Duration maxTime;

    /**
     * @param maxBytes the most bytes discarded per refused request
     * @param maxTime  the longest time spent discarding per refused request, from the answer on
     */
    BodyDrain(long maxBytes, Duration maxTime) {
        this.maxBytes = maxBytes;
        this.maxTime = maxTime;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Request held = new Held(request, response);
        Callback drained = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                if (wanted(held, response)) {
                    new Drain(request, callback, maxBytes).start(request.getComponents().getScheduler(), maxTime);
                } else {
                    super.succeeded();
                }
            }
        };
        return super.handle(held, response, drained);
    }

    static boolean wanted(Request request, Response response) {
        return response.getStatus() == 413 || Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }

    /**
     * Keeps the servlet layer from consuming what is available on completion when the body will be drained: that
     * consumption gives up after a few reads and leaves the stream failed, so nothing could be read after it.
     */
    private static final class Held extends Request.Wrapper {
        private final Response response;

        Held(Request request, Response response) {
            super(request);
            this.response = response;
        }

        @Override
        public boolean consumeAvailable() {
            return wanted(this, response) ? false : super.consumeAvailable();
        }
    }

    /** Reads to the end of the body, or to a bound, releasing each chunk, then completes the request. */
    private static final class Drain implements Runnable {
        private final Request request;
        private final Callback callback;
        private final long maxBytes;
        private boolean done;
        private long discarded;
        private Scheduler.Task timer;

        Drain(Request request, Callback callback, long maxBytes) {
            this.request = request;
            this.callback = callback;
            this.maxBytes = maxBytes;
        }

        synchronized void start(Scheduler scheduler, Duration maxTime) {
            timer = scheduler.schedule(this::finish, maxTime.toMillis(), TimeUnit.MILLISECONDS);
            run();
        }

        /**
         * Runs on each demand: reads what has arrived, then asks to be called when more does. Synchronized with
         * {@link #finish}, so the timer never completes the request while a read is under way.
         */
        @Override
        public synchronized void run() {
            while (!done) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                discarded += chunk.remaining();
                boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
                chunk.release();
                if (last || discarded > maxBytes) {
                    finish();
                    return;
                }
            }
        }

        /**
         * Completes the request once. At the body's end the connection closes cleanly; at a bound, Jetty finds the
         * body unread (or a demand pending) and closes the connection as it would have without the drain.
         */
        private synchronized void finish() {
            if (!done) {
                done = true;
                if (timer != null) {
                    timer.cancel();
                }
                callback.succeeded();
            }
        }
    }
}
