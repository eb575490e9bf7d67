package dev.authdoctor.serve;

import dev.authdoctor.api.Troubleshooter;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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
 * <pre>{@code
 * try (DiagnosisServer server = DiagnosisServer.builder().port(8080).build().start()) {
 *     server.awaitReady(Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 */
public final class DiagnosisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosisServer.class);

    private final Builder settings;
    private final CompletableFuture<Troubleshooter> doctor = new CompletableFuture<>();
    private final boolean ownsDoctor;
    private Javalin app;

    private DiagnosisServer(Builder b) {
        this.settings = b;
        this.ownsDoctor = b.ownsDoctor;
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
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host;
            config.jetty.port = settings.port;
            config.http.maxRequestSize = settings.maxBodyBytes;
            config.http.defaultContentType = "application/json";
            config.router.ignoreTrailingSlashes = true;
            config.routes.exception(ApiProblem.class, (e, ctx) -> Problems.write(ctx, e, settings.retryAfterSeconds));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("request failed: {}", e.toString()); // the exception's class and message, never the body
                Problems.write(ctx, new ApiProblem(500, "internal", "Internal error",
                        "the request failed on the server", java.util.List.of()), settings.retryAfterSeconds);
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(Problems.MEDIA_TYPE)) { // Javalin's own 404 body: ours instead
                    Problems.write(ctx, ApiProblem.notFound("no such resource: " + ctx.method() + " " + ctx.path()),
                            settings.retryAfterSeconds);
                }
            });
            config.routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"UP\"}"));
            config.routes.get("/readyz", ctx -> {
                if (!ready()) {
                    throw ApiProblem.notReady();
                }
                ctx.contentType("application/json").result("{\"status\":\"READY\"}");
            });
            ApiRoutes.register(config.routes, this::doctor, settings.events, settings.limits());
            PageRoutes.register(config.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            app = null;
            throw new IllegalStateException("cannot listen on " + settings.host + ":" + settings.port + ": " + rootMessage(e), e);
        }
        Thread compile = new Thread(() -> {
            try {
                doctor.complete(settings.doctor.get());
            } catch (Throwable t) {
                doctor.completeExceptionally(t);
                LOG.error("the rule packs could not be loaded: {}", t.getMessage());
            }
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

    /** True once the packs are compiled and diagnoses can be made. */
    public boolean ready() {
        return doctor.isDone() && !doctor.isCompletedExceptionally();
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
            return doctor.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Stops listening, lets requests in flight finish, then closes the troubleshooter if the server made it. */
    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
        if (ownsDoctor) {
            Troubleshooter t = doctor.getNow(null);
            if (t != null) {
                t.close();
            }
        }
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
        private int retryAfterSeconds = 1;
        private int maxLines = Limits.DEFAULT.maxLines();
        private long maxStreamBytes = Limits.DEFAULT.maxStreamBytes();
        private ServiceEvents events = ServiceEvents.NONE;

        private Builder() {
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

        public DiagnosisServer build() {
            return new DiagnosisServer(this);
        }
    }
}
