package dev.authdoctor.bench;

import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.batch.RealisticExportGenerator;
import dev.authdoctor.serve.DiagnosisServer;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load on {@code authdoctor serve} over loopback (issue 13): the JDK HttpClient, HTTP/1.1 with keep-alive, a fixed
 * pool of worker threads each posting one incident to {@code POST /v1/diagnoses} back to back, at concurrency 1, 8
 * and 64. Every loop is bounded by a request count and a time cap, and every request by a timeout, so a run always
 * stops. Run through {@code bench/serve-load.sh}; not a test.
 *
 * <pre>
 * ServeLoad [--quick] [--launcher ./authdoctor] [--server-java JAVA] [--first-runs N]
 *           [--process-only | --in-process-only | --first-only]
 * </pre>
 * It loads, in turn: a fresh {@code ./authdoctor serve} process (what users run), then a {@link DiagnosisServer} in
 * this JVM (where {@link Troubleshooter#openSessions()} can be read directly), then times the first diagnosis after
 * readiness of fresh processes. Heap is the live heap after a full GC, read with {@code jcmd GC.class_histogram}
 * for both (the same measure either side), which also counts live Drools sessions.
 */
public final class ServeLoad {

    /** Drools' session class: its live instances after a full GC are sessions someone still holds. */
    private static final String SESSION_CLASS = "org.drools.kiesession.session.StatefulKnowledgeSessionImpl";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SERVING = Pattern.compile("serving on http://([^/]+)/");

    record Plan(long warmup, long[] requests, Duration cap, int firstRuns) {
        static Plan of(boolean quick) {
            return quick
                    ? new Plan(20_000, new long[] {5_000, 20_000, 20_000}, Duration.ofSeconds(30), 3)
                    : new Plan(200_000, new long[] {200_000, 1_000_000, 500_000}, Duration.ofSeconds(600), 7);
        }
    }

    static final int[] CONCURRENCY = {1, 8, 64};
    /** Rounds over the examples the proposed server makes before it says ready (13 examples: 260 diagnoses). */
    static final int WARM_ROUNDS = 20;
    /** Then requests to its own API over loopback, before it says ready (the "+ HTTP" stand-in). */
    static final int WARM_POSTS = 200;

    record Level(int concurrency, long sent, long errors, List<String> firstErrors, double seconds, Histogram latency,
                 boolean capped, long serverCpuNanos, long clientCpuNanos, long liveBytesAfter) {
        Level withHeap(long liveBytes) {
            return new Level(concurrency, sent, errors, firstErrors, seconds, latency, capped, serverCpuNanos, clientCpuNanos, liveBytes);
        }

        double perSecond() {
            return (sent - errors) / seconds;
        }
    }

    record Snapshot(long liveBytes, long liveSessions, java.util.Map<String, Long> bytesByClass) {
        /** The classes whose live bytes grew most since {@code before}, for a heap that did not stay flat. */
        List<String> grownSince(Snapshot before, int n) {
            return bytesByClass.entrySet().stream()
                    .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.bytesByClass.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .map(e -> String.format(Locale.ROOT, "%s %+.2f MB", e.getKey(), e.getValue() / 1e6)).toList();
        }
    }

    record Outcome(String name, List<Level> levels, Snapshot before, Snapshot after, String sessions, long requests) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<byte[]> bodies;
    private final Plan plan;
    private final Path work;
    private final java.util.Map<String, Level> healthFloor = new java.util.LinkedHashMap<>();

    private ServeLoad(List<byte[]> bodies, Plan plan, Path work) {
        this.bodies = bodies;
        this.plan = plan;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean process = true;
        boolean inProcess = true;
        boolean firstOnly = false;
        String launcher = "./authdoctor";
        String serverJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Integer firstRuns = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--process-only" -> inProcess = false;
                case "--in-process-only" -> process = false;
                case "--first-only" -> {
                    process = false;
                    inProcess = false;
                    firstOnly = true;
                }
                case "--launcher" -> launcher = args[++i];
                case "--server-java" -> serverJava = args[++i];
                case "--first-runs" -> firstRuns = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ServeLoad [--quick] [--launcher PATH] [--server-java JAVA] [--first-runs N] [--process-only | --in-process-only | --first-only]");
                    System.exit(2);
                }
            }
        }
        Plan plan = Plan.of(quick);
        if (firstRuns != null) {
            plan = new Plan(plan.warmup, plan.requests, plan.cap, firstRuns);
        }
        Path work = Files.createDirectories(Path.of("target/serve-load"));
        ServeLoad load = new ServeLoad(incidents(10_000), plan, work);

        System.out.printf(Locale.ROOT, "cores: %d, load before: %s, client: java %s, %s run%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), Runtime.version(), quick ? "quick" : "full");
        System.out.printf(Locale.ROOT, "incidents: %,d full-fact records (RealisticExportGenerator, seed 1; %d bytes on average), cycled%n",
                load.bodies.size(), load.bodies.stream().mapToInt(b -> b.length).sum() / load.bodies.size());
        System.out.printf(Locale.ROOT, "per server: warm-up %,d requests at concurrency 8, then concurrency 1, 8, 64: %,d / %,d / %,d requests, "
                        + "each capped at %d s%n%n", plan.warmup, plan.requests[0], plan.requests[1], plan.requests[2], plan.cap.toSeconds());

        List<Outcome> outcomes = new ArrayList<>();
        if (process) {
            outcomes.add(load.againstProcess(launcher));
        }
        if (inProcess) {
            outcomes.addAll(load.againstInProcess());
        }
        if (!outcomes.isEmpty()) {
            printTable(outcomes, load.healthFloor);
        }
        List<Long> first = (process || firstOnly) && plan.firstRuns > 0 ? load.firstDiagnoses(launcher, serverJava) : List.of();
        printGoals(outcomes, first);
        System.out.println("load after: " + loadAverage());
        System.exit(0); // the HttpClient's selector thread would otherwise keep the JVM up a little
    }

    /** Full-fact records as a user's IdP export holds them, every one valid (the server must answer 200). */
    static List<byte[]> incidents(int n) {
        RealisticExportGenerator generator = new RealisticExportGenerator(1);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(generator.toJsonLine(generator.record(i)).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---- the two servers ----

    private Outcome againstProcess(String launcher) throws Exception {
        System.out.println("./authdoctor serve (a separate process):");
        try (Served served = Served.start(List.of(launcher, "serve", "--port", "0"), work.resolve("serve.log"))) {
            URI base = served.awaitReady(client, Duration.ofMinutes(3));
            ProcessHandle server = served.process.toHandle();
            System.out.printf(Locale.ROOT, "  server: pid %d, %s%n", server.pid(), server.info().command().orElse("?"));
            return measure("serve process", base, server, () -> sessionsFromMetrics(base));
        }
    }

    private List<Outcome> againstInProcess() throws Exception {
        System.out.println("DiagnosisServer in this JVM (java " + Runtime.version() + "):");
        try (Troubleshooter doctor = Troubleshooter.create();
             DiagnosisServer server = DiagnosisServer.builder().port(0).troubleshooter(doctor).build().start()) {
            server.awaitReady(Duration.ofMinutes(3));
            URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
            Outcome served = measure("in-process", base, ProcessHandle.current(),
                    () -> Optional.of(doctor.openSessions() + " (Troubleshooter.openSessions())"));
            // the ceiling: the same JVM and troubleshooter, already warm, doing the route's work without HTTP
            List<Level> levels = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY.length; i++) {
                levels.add(direct(doctor, CONCURRENCY[i], plan.requests[i]));
            }
            return List.of(served, new Outcome("no HTTP", levels, null, null, null, levels.stream().mapToLong(Level::sent).sum()));
        }
    }

    private Outcome measure(String name, URI base, ProcessHandle server, java.util.concurrent.Callable<Optional<String>> sessions)
            throws Exception {
        URI diagnoses = base.resolve("/v1/diagnoses");
        // the warm-up also opens 64 connections, so that pools sized by concurrency are full before the heap is read
        for (Level warm : List.of(run(diagnoses, 8, plan.warmup, server), run(diagnoses, 64, plan.warmup / 4, server))) {
            System.out.printf(Locale.ROOT, "  warm-up at concurrency %d: %,d requests, %,.0f diagnoses/s, %d errors%s%n", warm.concurrency,
                    warm.sent, warm.perSecond(), warm.errors, warm.firstErrors.isEmpty() ? "" : " " + warm.firstErrors);
        }
        Snapshot before = snapshot(server);
        List<Level> levels = new ArrayList<>();
        long requests = 0;
        for (int i = 0; i < CONCURRENCY.length; i++) {
            Level level = run(diagnoses, CONCURRENCY[i], plan.requests[i], server);
            level = level.withHeap(snapshot(server).liveBytes);
            System.out.printf(Locale.ROOT, "  concurrency %d: %,d requests in %.1f s%n", level.concurrency, level.sent, level.seconds);
            levels.add(level);
            requests += level.sent;
        }
        // the HTTP floor: the same server and client, a request with no body and no work behind it
        URI health = base.resolve("/healthz");
        Level floor = run(8, plan.requests[1] / 5, server, body -> {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(health).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? null : "HTTP " + r.statusCode();
        });
        healthFloor.put(name, floor);
        Snapshot after = snapshot(server);
        String open = sessions.call().orElse("not exported (no open-sessions gauge at /metrics)");
        return new Outcome(name, levels, before, after, open, requests);
    }

    // ---- the load itself ----

    /** One request (or one diagnosis without HTTP): null when it succeeded, else what went wrong. */
    interface Call {
        String send(byte[] body) throws IOException, InterruptedException;
    }

    /** {@code requests} posts by {@code concurrency} threads back to back; stops at the count or the time cap. */
    Level run(URI uri, int concurrency, long requests, ProcessHandle server) throws InterruptedException {
        return run(concurrency, requests, server, body -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? null : "HTTP " + response.statusCode() + " " + head(response.body());
        });
    }

    /** The server's work without HTTP, in this JVM: read the body as the route does, diagnose, write the JSON. */
    Level direct(Troubleshooter doctor, int concurrency, long requests) throws InterruptedException {
        return run(concurrency, requests, ProcessHandle.current(), body -> {
            ReadResult r = IncidentJson.read(new String(body, StandardCharsets.UTF_8));
            if (!(r instanceof ReadResult.Accepted a)) {
                return "rejected: " + r;
            }
            return DiagnosisJson.toJson(doctor.diagnose(a.incident())).isEmpty() ? "empty diagnosis" : null;
        });
    }

    private Level run(int concurrency, long requests, ProcessHandle server, Call call) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + plan.cap.toNanos();
        Histogram[] latencies = new Histogram[concurrency];
        Thread[] workers = new Thread[concurrency];
        long serverCpu0 = cpuNanos(server);
        long clientCpu0 = cpuNanos(ProcessHandle.current());
        long t0 = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            latencies[w] = h;
            workers[w] = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                    byte[] body = bodies.get((int) (i % bodies.size()));
                    long start = System.nanoTime();
                    String failure;
                    try {
                        failure = call.send(body);
                    } catch (IOException | RuntimeException e) {
                        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    } catch (InterruptedException e) {
                        return;
                    }
                    h.recordValue(Math.min(System.nanoTime() - start, h.getHighestTrackableValue()));
                    if (failure != null && errors.incrementAndGet() <= 5) {
                        firstErrors.add(failure);
                    }
                }
            }, "load-" + concurrency + "-" + w);
            workers[w].start();
        }
        for (Thread worker : workers) { // each request times out, so the workers end by the cap plus one timeout
            worker.join(plan.cap.plus(REQUEST_TIMEOUT).plusSeconds(5).toMillis());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (Histogram h : latencies) {
            all.add(h);
        }
        long sent = all.getTotalCount();
        return new Level(concurrency, sent, errors.get(), List.copyOf(firstErrors), seconds, all, sent < requests,
                cpuNanos(server) - serverCpu0, cpuNanos(ProcessHandle.current()) - clientCpu0, -1);
    }

    private static String head(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    private static long cpuNanos(ProcessHandle p) {
        if (p.pid() == ProcessHandle.current().pid()) { // ProcessHandle's figure for this JVM is coarse on some systems
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    // ---- first diagnosis after readiness ----

    /**
     * Fresh processes, one at a time: poll /readyz, then time the first POST (the client is warm by now). Beside
     * {@code ./authdoctor serve}, the server as proposed ({@link ServeWarmed}: warmed before it says ready) and the
     * same stand-in not warmed, both started the same way, so the difference is the warming alone.
     */
    private List<Long> firstDiagnoses(String launcher, String serverJava) throws Exception {
        String cp = System.getProperty("java.class.path");
        List<String> names = List.of("./authdoctor serve", "stand-in, not warmed", "stand-in, warmed", "stand-in, warmed + HTTP");
        List<List<String>> commands = List.of(List.of(launcher, "serve", "--port", "0"),
                List.of(serverJava, "-cp", cp, ServeWarmed.class.getName(), "0"),
                List.of(serverJava, "-cp", cp, ServeWarmed.class.getName(), Integer.toString(WARM_ROUNDS)),
                List.of(serverJava, "-cp", cp, ServeWarmed.class.getName(), Integer.toString(WARM_ROUNDS), Integer.toString(WARM_POSTS)));
        System.out.printf(Locale.ROOT, "%nfirst diagnosis after readiness, %d fresh processes of each (stand-in: %s on %s; warmed: %d rounds "
                + "over examples/incidents.jsonl before ready; + HTTP: then %d requests to itself):%n", plan.firstRuns,
                ServeWarmed.class.getSimpleName(), serverJava, WARM_ROUNDS, WARM_POSTS);
        List<List<Long>> firsts = new ArrayList<>();
        List<List<Long>> readies = new ArrayList<>();
        for (int v = 0; v < commands.size(); v++) {
            firsts.add(new ArrayList<>());
            readies.add(new ArrayList<>());
        }
        for (int k = 0; k < plan.firstRuns; k++) {
            for (int v = 0; v < commands.size(); v++) { // alternate, so a change in the machine's load falls on all
                long t0 = System.nanoTime();
                try (Served served = Served.start(commands.get(v), work.resolve("serve-first-" + v + "-" + k + ".log"))) {
                    URI base = served.awaitReady(client, Duration.ofMinutes(3));
                    readies.get(v).add(System.nanoTime() - t0);
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/diagnoses")).timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(k))).build();
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    firsts.get(v).add(System.nanoTime() - start);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("first diagnosis: HTTP " + response.statusCode() + " " + head(response.body()));
                    }
                }
            }
        }
        for (int v = 0; v < commands.size(); v++) {
            System.out.printf(Locale.ROOT, "  %-28s first POST median %6.1f ms (runs: %s); ready %,d ms after launch (median)%n", names.get(v),
                    ms(median(firsts.get(v))), firsts.get(v).stream().map(n -> String.format(Locale.ROOT, "%.1f", ms(n))).toList(),
                    median(readies.get(v)) / 1_000_000);
        }
        return firsts.get(0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    // ---- heap and sessions ----

    /** Live heap and live Drools sessions after a full GC ({@code jcmd GC.class_histogram} forces one). */
    static Snapshot snapshot(ProcessHandle p) throws IOException, InterruptedException {
        String jcmd = p.info().command().map(c -> Path.of(c).resolveSibling("jcmd").toString())
                .filter(c -> Files.isExecutable(Path.of(c))).orElse("jcmd");
        Process run = new ProcessBuilder(jcmd, Long.toString(p.pid()), "GC.class_histogram").redirectErrorStream(true).start();
        long total = -1;
        long sessions = 0;
        java.util.Map<String, Long> byClass = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].equals("Total")) {
                    total = Long.parseLong(f[2]);
                } else if (f.length >= 4 && f[0].endsWith(":")) {
                    byClass.put(f[3], Long.parseLong(f[2]));
                    if (f[3].equals(SESSION_CLASS)) {
                        sessions = Long.parseLong(f[1]);
                    }
                }
                if (out.size() < 5) {
                    out.add(line);
                }
            }
        }
        if (!run.waitFor(120, TimeUnit.SECONDS) || total < 0) {
            run.destroyForcibly();
            throw new IllegalStateException(jcmd + " GC.class_histogram gave no total: " + out);
        }
        return new Snapshot(total, sessions, byClass);
    }

    /** An open-sessions gauge from the server's Prometheus metrics, when it exports one. */
    private Optional<String> sessionsFromMetrics(URI base) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            Matcher m = Pattern.compile("(?m)^(authdoctor_\\w*sessions\\w*)(\\{[^}]*})?\\s+(\\S+)").matcher(r.body());
            return m.find() ? Optional.of(m.group(3) + " (" + m.group(1) + " at /metrics)") : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    // ---- output ----

    private static void printTable(List<Outcome> outcomes, java.util.Map<String, Level> healthFloor) {
        System.out.println();
        System.out.println("server          conc   requests   diagnoses/s   p50 ms   p99 ms   max ms  errors  heap MB   CPU us/request (server, client)");
        for (Outcome o : outcomes) {
            for (Level l : o.levels) {
                boolean same = !o.name.equals("serve process");
                System.out.printf(Locale.ROOT, "%-14s %5d %10s %13s %8.2f %8.2f %8.1f %7d %8s   %s%n", o.name, l.concurrency,
                        String.format(Locale.ROOT, "%,d", l.sent) + (l.capped ? "*" : ""), String.format(Locale.ROOT, "%,.0f", l.perSecond()),
                        ms(l.latency.getValueAtPercentile(50)), ms(l.latency.getValueAtPercentile(99)), ms(l.latency.getMaxValue()),
                        l.errors, l.liveBytesAfter < 0 ? "-" : String.format(Locale.ROOT, "%.1f", l.liveBytesAfter / 1e6), same ? String.format(Locale.ROOT, "%.0f (one JVM)", l.serverCpuNanos / 1e3 / l.sent)
                                : String.format(Locale.ROOT, "%.0f, %.0f", l.serverCpuNanos / 1e3 / l.sent, l.clientCpuNanos / 1e3 / l.sent));
                for (String e : l.firstErrors) {
                    System.out.println("    error: " + e);
                }
            }
        }
        healthFloor.forEach((name, l) -> System.out.printf(Locale.ROOT,
                "%-14s %5d %10s %13s %8.2f %8.2f %8.1f %7d %8s   %s   <- GET /healthz, the HTTP floor%n", name, l.concurrency,
                String.format(Locale.ROOT, "%,d", l.sent) + (l.capped ? "*" : ""), String.format(Locale.ROOT, "%,.0f", l.perSecond()),
                ms(l.latency.getValueAtPercentile(50)), ms(l.latency.getValueAtPercentile(99)), ms(l.latency.getMaxValue()), l.errors, "-",
                name.equals("serve process") ? String.format(Locale.ROOT, "%.0f, %.0f", l.serverCpuNanos / 1e3 / l.sent, l.clientCpuNanos / 1e3 / l.sent)
                        : String.format(Locale.ROOT, "%.0f (one JVM)", l.serverCpuNanos / 1e3 / l.sent)));
        if (Stream.concat(outcomes.stream().flatMap(o -> o.levels.stream()), healthFloor.values().stream()).anyMatch(Level::capped)) {
            System.out.println("* stopped by the time cap before the request count");
        }
        System.out.println();
        for (Outcome o : outcomes) {
            if (o.before == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%s: after %,d requests: open rule sessions %s; live Drools sessions in the heap %d%n",
                    o.name, o.requests, o.sessions, o.after.liveSessions);
            System.out.printf(Locale.ROOT, "%s: live heap after a full GC: %.1f MB before, %.1f MB after (%+.1f MB)%n",
                    o.name, o.before.liveBytes / 1e6, o.after.liveBytes / 1e6, (o.after.liveBytes - o.before.liveBytes) / 1e6);
            System.out.println("    grown most: " + String.join(", ", o.after.grownSince(o.before, 6)));
        }
    }

    private static void printGoals(List<Outcome> outcomes, List<Long> first) {
        System.out.println();
        System.out.println("goals (issue 13):");
        for (Outcome o : outcomes) {
            if (o.before == null) {
                continue;
            }
            Level c8 = o.levels.stream().filter(l -> l.concurrency == 8).findFirst().orElseThrow();
            double p99 = ms(c8.latency.getValueAtPercentile(99));
            long errors = o.levels.stream().mapToLong(Level::errors).sum();
            long growth = o.after.liveBytes - o.before.liveBytes;
            // flat: what a million requests leave behind is within noise, 5 MB or 10 % of the live heap
            boolean flat = growth < Math.max(5_000_000, o.before.liveBytes / 10);
            System.out.printf(Locale.ROOT, "  %s: concurrency 8 at %,.0f diagnoses/s (>= 5,000: %s), p99 %.2f ms (< 25: %s); errors %d (%s); "
                            + "sessions left %d (%s); heap %+.1f MB (flat: %s)%n", o.name, c8.perSecond(), yes(c8.perSecond() >= 5000), p99,
                    yes(p99 < 25), errors, yes(errors == 0), o.after.liveSessions, yes(o.after.liveSessions == 0), growth / 1e6, yes(flat));
        }
        if (!first.isEmpty()) {
            int runs = first.size();
            double median = ms(median(first));
            System.out.printf(Locale.ROOT, "  first diagnosis after readiness: median %.1f ms of %d fresh processes (< 10: %s)%n",
                    median, runs, yes(median < 10));
        }
    }

    private static String yes(boolean met) {
        return met ? "yes" : "NO";
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** A {@code ./authdoctor serve --port 0} process; closing it sends SIGTERM (a graceful stop) and waits. */
    static final class Served implements AutoCloseable {
        final Process process;
        private final CompletableFuture<String> address = new CompletableFuture<>();

        private Served(Process process) {
            this.process = process;
            Thread drain = new Thread(() -> { // reads stdout to the end, so the server never blocks on a full pipe
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        Matcher m = SERVING.matcher(line);
                        if (m.find()) {
                            address.complete(m.group(1));
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                address.completeExceptionally(new IllegalStateException("the server ended without saying where it listens"));
            }, "serve-stdout");
            drain.setDaemon(true);
            drain.start();
        }

        static Served start(List<String> command, Path log) throws IOException {
            ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile()));
            // SERVE_JAVA_OPTS reaches the server's JVM (a profiler, a heap limit); the load tool's own JAVA_OPTS does not
            b.environment().remove("JAVA_OPTS");
            String opts = System.getenv("SERVE_JAVA_OPTS");
            if (opts != null) {
                b.environment().put("JAVA_OPTS", opts);
            }
            Process p = b.start();
            return new Served(p);
        }

        /** Polls /readyz every 2 ms until it answers 200; the time limit bounds the wait. */
        URI awaitReady(HttpClient client, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            URI base = URI.create("http://" + address.get(limit.toMillis(), TimeUnit.MILLISECONDS) + "/");
            HttpRequest ready = HttpRequest.newBuilder(base.resolve("/readyz")).timeout(Duration.ofSeconds(5)).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server stopped before it was ready (exit " + process.exitValue() + ")");
                }
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return base;
                }
                Thread.sleep(2);
            }
            throw new IllegalStateException("the server was not ready within " + limit);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
