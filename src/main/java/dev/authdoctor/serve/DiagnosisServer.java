package dev.authdoctor.serve;

import dev.authdoctor.api.Troubleshooter;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The resident service behind {@code authdoctor serve}: one process, one shared {@link Troubleshooter}, the JSON API
 * under {@code /v1}, health at {@code /healthz} and {@code /readyz}. It listens at once and compiles the packs
 * beside: until they are ready {@code /readyz} and the API answer 503 with {@code Retry-After}.
 *
 * <p>Safe by default: it listens on 127.0.0.1, and refuses any other address unless a bearer token or mutual TLS
 * guards it; bodies, waiting and concurrency are bounded; every answer carries strict security headers; closing it
 * lets requests in flight finish. Each request leaves one access-log line ({@value AccessLog#LOGGER}) and Prometheus
 * metrics at {@code /metrics}.
 *
 * <pre>{@code
 * try (DiagnosisServer server = DiagnosisServer.builder().port(8080).build().start()) {
 *     server.awaitReady(Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 */
public final class DiagnosisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosisServer.class);
    /** Passes over the examples at most in the warm-up (13 incidents each, one in eight explained). */
    static final int WARMUP_ROUNDS = 300;
    /** Bytes past the largest route limit before the backstop size limit fails a request (see start()). */
    static final long SIZE_LIMIT_HEADROOM = 1 << 20;
    /**
     * What a refused body may cost in discarding, so its client reads the 413 rather than a reset: 128 MiB (over
     * 100 times the default body limit, twice the JSON Lines limit; read into Jetty's pooled buffers, nothing kept)
     * and 30 s from the answer (nginx's lingering_time). Past either, the connection closes as Jetty would.
     */
    static final long DRAIN_BYTES = 128L << 20;
    static final Duration DRAIN_TIME = Duration.ofSeconds(30);

    private final Builder settings;
    private final CompletableFuture<Troubleshooter> doctor = new CompletableFuture<>();
    /** Completes after the warm-up: the API answers as soon as the packs are compiled, /readyz only after this. */
    private final CompletableFuture<Troubleshooter> warmed = new CompletableFuture<>();
    private final boolean ownsDoctor;
    private final ServiceMetrics metrics;
    private final boolean ownsMetrics;
    private Javalin app;

    private DiagnosisServer(Builder b) {
        this.settings = b;
        this.ownsDoctor = b.ownsDoctor;
        this.ownsMetrics = b.metrics == null;
        this.metrics = ownsMetrics ? new ServiceMetrics() : b.metrics;
        this.metrics.watchSessions(() -> doctor.getNow(null));
    }

    /** A server on 127.0.0.1:8080 with the built-in pack, until told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving; the packs compile on another thread.
     *
     * @return this server
     * @throws IllegalStateException when the address cannot be bound
     */
    public synchronized DiagnosisServer start() {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        int retry = settings.retryAfterSeconds;
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host;
            config.jetty.port = settings.port;
            config.jetty.timeoutStatus = 408; // a client too slow to send its body
            config.jetty.addConnector((server, http) -> connector(server, http));
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(settings.shutdownTimeout.toMillis());
                server.setErrorHandler(new JettyProblems(retry));
                // innermost first: each insert goes between the server and the handlers inserted before it, so a
                // request meets Graceful, BodyDrain, AccessLog, Guard, ConcurrencyLimit, SizeLimit, RequestDeadline,
                // then Javalin. BodyDrain is outside the concurrency limit and the access log: discarding a refused
                // body holds no slot and does not count as the request's time; Graceful still waits for it.
                Limits limits = settings.limits();
                server.insertHandler(new RequestDeadline(settings.maxRequestTime));
                // A backstop for a route that would read without a bound of its own. The routes' own bounds answer
                // better (a 413 naming the limit, a JSON Lines problem line), and they read a little past the limit
                // to see it, a chunk at a time: the headroom keeps this from failing the request before they can.
                server.insertHandler(new SizeLimitHandler(Math.max(limits.maxBodyBytes(), limits.maxStreamBytes()) + SIZE_LIMIT_HEADROOM, -1));
                server.insertHandler(new ConcurrencyLimit(settings.maxConcurrent, settings.maxQueued, settings.maxQueueWait, retry));
                server.insertHandler(new Guard(settings.token, settings.tls != null, limits, retry));
                server.insertHandler(new AccessLog(metrics));
                server.insertHandler(new BodyDrain(settings.drainBytes, settings.drainTime));
                server.insertHandler(new GracefulHandler());
            });
            config.http.maxRequestSize = settings.maxBodyBytes;
            config.http.defaultContentType = "application/json";
            config.router.ignoreTrailingSlashes = true;
            config.requestLogger.http((ctx, ms) -> {
                if (ctx.attribute(AccessLog.ROUTE_ATTRIBUTE) instanceof AccessLog.Route route) {
                    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
                    if (matched != null) {
                        route.template = matched.path;
                    }
                }
            });
            config.routes.exception(ApiProblem.class, (e, ctx) -> Problems.write(ctx, e, retry));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> Problems.write(ctx, e.getStatus() == 413
                    ? new ApiProblem(413, "too-large", "Content too large",
                    "the body is larger than " + settings.maxBodyBytes + " bytes", List.of())
                    : JettyProblems.forStatus(e.getStatus()), retry));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("request failed: {}", e.toString()); // the exception's class and message, never the body
                Problems.write(ctx, new ApiProblem(500, "internal", "Internal error",
                        "the request failed on the server", java.util.List.of()), retry);
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(Problems.MEDIA_TYPE)) { // Javalin's own 404 body: ours instead
                    Problems.write(ctx, ApiProblem.notFound("no such resource: " + ctx.method() + " " + ctx.path()), retry);
                }
            });
            config.routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
            config.routes.get("/readyz", ctx -> {
                if (!ready()) {
                    throw ApiProblem.notReady();
                }
                ctx.contentType("application/json").result("{\"status\":\"READY\"}");
            });
            config.routes.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
            ApiRoutes.register(config.routes, this::doctor, metrics, settings.limits());
            PageRoutes.register(config.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            app = null;
            throw new IllegalStateException("cannot listen on " + settings.host + ":" + settings.port + ": " + rootMessage(e), e);
        }
        Thread compile = new Thread(() -> {
            Troubleshooter made;
            try {
                made = settings.doctor.get();
                doctor.complete(made);
            } catch (Throwable t) {
                doctor.completeExceptionally(t);
                warmed.completeExceptionally(t);
                LOG.error("the rule packs could not be loaded: {}", t.getMessage());
                return;
            }
            try {
                if (!settings.warmup.isZero()) {
                    Warmup.run(made, settings.warmup, WARMUP_ROUNDS);
                }
            } catch (RuntimeException e) {
                LOG.warn("the warm-up stopped early: {}", e.toString()); // only slower first requests: still ready
            }
            warmed.complete(made);
        }, "authdoctor-serve-packs");
        compile.setDaemon(true);
        compile.start();
        return this;
    }

    /** The port listened on (the one chosen when the builder was given 0). */
    public int port() {
        return app.port();
    }

    /** The address listened on. */
    public String host() {
        return settings.host;
    }

    /** True once the packs are compiled and the warm-up is over (diagnoses are answered from compilation on). */
    public boolean ready() {
        return warmed.isDone() && !warmed.isCompletedExceptionally();
    }

    /**
     * Waits until the packs are compiled.
     *
     * @param timeout how long to wait at most
     * @return the troubleshooter the server uses
     * @throws IllegalStateException when the packs could not be loaded, or not within the time
     */
    public Troubleshooter awaitReady(Duration timeout) {
        try {
            return warmed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the rule packs were not ready within " + timeout);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the rule packs could not be loaded: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rule packs");
        }
    }

    /** The troubleshooter, or a 503 while the packs compile. */
    Troubleshooter doctor() {
        Troubleshooter t = doctor.getNow(null);
        if (t == null) {
            if (doctor.isCompletedExceptionally()) {
                throw new ApiProblem(503, "packs-failed", "Rule packs failed",
                        "the rule packs could not be loaded; see the server's log", java.util.List.of());
            }
            throw ApiProblem.notReady();
        }
        return t;
    }

    /**
     * Stops listening, lets requests in flight finish (for the builder's shutdown timeout at most; new ones get 503),
     * then closes the troubleshooter if the server made it.
     */
    @Override
    public synchronized void close() {
        if (app != null) {
            try {
                app.stop();
            } finally {
                app = null;
                if (ownsMetrics) {
                    metrics.close();
                }
            }
        }
        if (ownsDoctor) {
            Troubleshooter t = doctor.getNow(null);
            if (t != null) {
                t.close();
            }
        }
    }

    /** Plain HTTP, or HTTPS asking every client for its certificate; the idle timeout bounds a stalled exchange. */
    private ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration http) {
        ServerConnector c;
        if (settings.tls == null) {
            c = new ServerConnector(server, new HttpConnectionFactory(http));
        } else {
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // one certificate, no virtual hosts: clients reach it by address too
            https.addCustomizer(secure);
            c = new ServerConnector(server, new SslConnectionFactory(settings.tls.sslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
        }
        c.setHost(settings.host);
        c.setPort(settings.port);
        c.setIdleTimeout(settings.idleTimeout.toMillis());
        return c;
    }

    /** The metrics this server records (its own unless the builder was given some). */
    public ServiceMetrics metrics() {
        return metrics;
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** What to serve and where. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Supplier<Troubleshooter> doctor = Troubleshooter::create;
        private boolean ownsDoctor = true;
        private long maxBodyBytes = 1 << 20;
        private Duration warmup = Duration.ZERO;
        private int retryAfterSeconds = 1;
        private int maxLines = Limits.DEFAULT.maxLines();
        private long maxStreamBytes = Limits.DEFAULT.maxStreamBytes();
        private ServiceMetrics metrics;
        private BearerToken token;
        private TlsSettings tls;
        private int maxConcurrent = 32;
        private int maxQueued = 128;
        private Duration maxQueueWait = Duration.ofSeconds(2);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration maxRequestTime = Duration.ofSeconds(60);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private long drainBytes = DRAIN_BYTES;
        private Duration drainTime = DRAIN_TIME;

        private Builder() {
        }

        /** The bounds on discarding a refused body ({@link BodyDrain}); tests make them small. */
        Builder drain(long bytes, Duration time) {
            this.drainBytes = bytes;
            this.drainTime = time;
            return this;
        }

        /** The most bytes in one JSON Lines request (64 MiB by default); tests make it small. */
        Builder maxStreamBytes(long bytes) {
            this.maxStreamBytes = bytes;
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} on every path but health, readiness and the page's files. */
        public Builder token(BearerToken token) {
            this.token = token;
            return this;
        }

        /** Serves HTTPS only, to clients presenting a certificate the truststore trusts (mutual TLS). */
        public Builder tls(TlsSettings tls) {
            this.tls = tls;
            return this;
        }

        /** Records into these metrics (e.g. shared with {@link Troubleshooter.Builder#onReload}); the server's own otherwise. */
        public Builder metrics(ServiceMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The most requests worked on at once (32 by default); health, readiness and metrics are not counted. */
        public Builder maxConcurrent(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxConcurrent: " + requests + " is below 1");
            }
            this.maxConcurrent = requests;
            return this;
        }

        /**
         * How many requests may wait for a slot when all are taken (128 by default; 0 refuses them at once), and for
         * how long (2 s by default); past either, 503 with {@code Retry-After}.
         */
        public Builder maxQueued(int requests, Duration wait) {
            if (requests < 0) {
                throw new IllegalArgumentException("maxQueued: " + requests + " is negative");
            }
            if (wait.isNegative() || wait.isZero()) { // QoSHandler reads zero as "wait forever"
                throw new IllegalArgumentException("maxQueued: the wait must be positive, not " + wait);
            }
            this.maxQueued = requests;
            this.maxQueueWait = wait;
            return this;
        }

        /** How long a connection may stall, sending or receiving, before it is closed (30 s by default). */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("idleTimeout: " + timeout + " is under a millisecond");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * How long a request's body may take to arrive, from its first byte (60 s by default): past it, a JSON body is
         * answered 408, and a JSON Lines batch ends with a problem line after the lines already answered. The idle
         * timeout alone would let a client that sends a byte now and then hold a slot for as long as it likes.
         */
        public Builder maxRequestTime(Duration time) {
            if (time.toMillis() < 1) {
                throw new IllegalArgumentException("maxRequestTime: " + time + " is under a millisecond");
            }
            this.maxRequestTime = time;
            return this;
        }

        /** How long {@link DiagnosisServer#close()} waits for requests in flight (10 s by default). */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("shutdownTimeout: " + timeout + " is under a millisecond");
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /** The address to bind; 127.0.0.1 unless told otherwise. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 picks a free one (see {@link DiagnosisServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " is not between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        /** Builds the troubleshooter once the server listens (the server closes it); the built-in pack by default. */
        public Builder troubleshooter(Supplier<Troubleshooter> make) {
            this.doctor = Objects.requireNonNull(make, "troubleshooter");
            this.ownsDoctor = true;
            return this;
        }

        /** Serves a troubleshooter the caller made and will close. */
        public Builder troubleshooter(Troubleshooter shared) {
            Objects.requireNonNull(shared, "troubleshooter");
            this.doctor = () -> shared;
            this.ownsDoctor = false;
            return this;
        }

        /** The largest request body taken, in bytes (1 MiB by default); larger ones get 413. */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes: " + bytes + " is below 1024");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * How long at most to run the examples through the rules before saying ready (none by default; `serve`
         * takes 3 s): the first requests then find the rules' code compiled. The API answers during it.
         */
        public Builder warmup(Duration budget) {
            if (budget.isNegative()) {
                throw new IllegalArgumentException("warmup: " + budget + " is negative");
            }
            this.warmup = budget;
            return this;
        }

        /** The most lines one JSON Lines request may carry (10,000 by default). */
        public Builder maxLines(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("maxLines: " + lines + " is below 1");
            }
            this.maxLines = lines;
            return this;
        }

        Limits limits() {
            return new Limits(maxBodyBytes, maxLines, maxStreamBytes);
        }

        /**
         * @throws IllegalArgumentException when the address is not a loopback one and neither a token nor mutual TLS
         *                                  guards it, or when it cannot be resolved
         */
        public DiagnosisServer build() {
            if (token == null && tls == null && !loopback(host)) {
                throw new IllegalArgumentException("refusing to listen on " + host
                        + ", which is not a loopback address, without a bearer token or TLS client certificates");
            }
            return new DiagnosisServer(this);
        }

        /** True when every address the name resolves to is a loopback one (0.0.0.0, "any", is not). */
        static boolean loopback(String host) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (!a.isLoopbackAddress()) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve the address " + host);
            }
        }
    }
}
