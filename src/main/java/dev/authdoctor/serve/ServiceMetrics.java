package dev.authdoctor.serve;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's Prometheus metrics (Micrometer), scraped at {@code GET /metrics}. Labels are route templates, status
 * codes, problem ids, outcomes and actions: never a raw path, an address or anything from a request body, so the
 * number of series stays bounded and no personal data reaches the scraper.
 *
 * <p>Consultations are carried by the client (the server keeps none), so there is no count of live consultations:
 * {@code authdoctor_consultations_total} counts consultation requests by action instead.
 */
public final class ServiceMetrics implements ServiceEvents, AutoCloseable {

    /** Prometheus' text exposition format, as {@link PrometheusMeterRegistry#scrape()} writes it. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight;
    private final Counter rejects;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServiceMetrics() {
        inFlight = registry.gauge("http.server.requests.active", new AtomicInteger());
        rejects = Counter.builder("authdoctor.rejects").description("Records refused as not a valid incident")
                .register(registry);
        // both results shown from the start, at 0: a series born on its first increment hides that change from rate()
        reloads("ok");
        reloads("failed");
        // JVM basics: cheap (read from MX beans at scrape time)
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /**
     * Watches the troubleshooter's open rule sessions: none outlives a diagnosis, so anything but 0 between requests
     * is a leak an operator should see.
     */
    void watchSessions(java.util.function.Supplier<Troubleshooter> doctor) {
        io.micrometer.core.instrument.Gauge.builder("authdoctor.open.sessions", () -> {
            Troubleshooter t = doctor.get();
            return t == null ? 0 : t.openSessions();
        }).description("Rule sessions open now (each lives for one diagnosis)").register(registry);
    }

    /** The metrics in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Tells these metrics of pack reloads; give it to {@link Troubleshooter.Builder#onReload}. */
    public Troubleshooter.ReloadListener reloadListener() {
        return new Troubleshooter.ReloadListener() {
            @Override
            public void reloaded(List<String> rulePacks) {
                reload("ok");
            }

            @Override
            public void failed(RulePackException error) {
                reload("failed");
            }
        };
    }

    private void reload(String result) {
        reloads(result).increment();
    }

    private Counter reloads(String result) {
        return Counter.builder("authdoctor.pack.reloads").description("Pack reloads (--watch), by result")
                .tag("result", result).register(registry);
    }

    /** Requests received and not yet answered (waiting ones included). */
    int inFlight() {
        return inFlight.get();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    /** One answered request: its route template (never the raw path), status and time. */
    void request(String method, String route, int status, long nanos) {
        inFlight.decrementAndGet();
        Timer.builder("http.server.requests").description("HTTP requests, by route template and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        String refusal = refusal(status);
        if (refusal != null) {
            Counter.builder("authdoctor.http.refusals").description("Requests refused before or instead of their work, by reason")
                    .tag("reason", refusal).register(registry).increment();
        }
    }

    private static String refusal(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 413 -> "too-large";
            case 408 -> "timeout";
            case 429, 503 -> "unavailable";
            default -> null;
        };
    }

    @Override
    public void diagnosed(Diagnosis d) {
        String outcome = d.outcome().name();
        if (d.problems().isEmpty()) {
            diagnosis("none", outcome);
        }
        for (Diagnosis.Problem p : d.problems()) {
            diagnosis(p.id(), outcome);
        }
    }

    private void diagnosis(String problem, String outcome) {
        Counter.builder("authdoctor.diagnoses").description("Diagnoses made, per problem id and outcome")
                .tags("problem", problem, "outcome", outcome).register(registry).increment();
    }

    @Override
    public void rejected() {
        rejects.increment();
    }

    @Override
    public void consultation(String action) {
        Counter.builder("authdoctor.consultations").description("Consultation requests, by action (the client carries each consultation's state)")
                .tag("action", action).register(registry).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
