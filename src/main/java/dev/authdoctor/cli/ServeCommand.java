package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.serve.BearerToken;
import dev.authdoctor.serve.DiagnosisServer;
import dev.authdoctor.serve.ServiceMetrics;
import dev.authdoctor.serve.TlsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code authdoctor serve}: the resident JSON API and the help desk's page, until stopped. */
@Command(name = "serve",
        header = "Serves the JSON API (/v1) and the help desk's page until stopped (Ctrl-C finishes requests in flight).",
        mixinStandardHelpOptions = true,
        description = {
                "Runs a resident HTTP service: POST /v1/diagnoses and the rest of the API described at /openapi.json,",
                "the help desk's page at /, /healthz, /readyz (ready once the packs are compiled and warmed up) and /metrics (Prometheus).",
                "It binds 127.0.0.1 unless --bind says otherwise, and refuses any other address unless a bearer token",
                "(--token-file, or the environment variable " + ServeCommand.TOKEN_ENV + ") or mutual TLS (--tls-keystore",
                "with --tls-truststore) guards it. With a token, every path but /healthz, /readyz, /openapi.json and the page's files needs",
                "'Authorization: Bearer TOKEN'. An access log (method, route, status, time, bytes; no addresses, paths as sent,",
                "queries or bodies) goes to standard output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped",
                "1:the address could not be bound, or the rules could not be read",
                "2:usage error (including another address than loopback without a token or TLS)"})
final class ServeCommand extends RulesCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "AUTHDOCTOR_SERVE_TOKEN";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}). Any other than loopback needs --token-file, " + TOKEN_ENV + " or --tls-keystore.")
    String bind;

    @Option(names = "--watch", description = "Reload the packs when their files change.")
    boolean watch;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer TOKEN', TOKEN being the first line of FILE (at least 16 characters). Without it, " + TOKEN_ENV + " is used if set.")
    Path tokenFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key and certificate in this PKCS#12 (or JKS) keystore; needs --tls-truststore.")
    Path keystore;

    @Option(names = "--tls-truststore", paramLabel = "FILE", description = "Accept only clients whose certificate this truststore trusts (mutual TLS).")
    Path truststore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "The password of the keystore and the truststore (first line of FILE).")
    Path tlsPasswordFile;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "32",
            description = "Requests worked on at once (default: ${DEFAULT-VALUE}); more wait up to 2 s (at most --max-queued of them), then get 503 with Retry-After.")
    int maxConcurrent;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "128", description = "Requests that may wait for a slot (default: ${DEFAULT-VALUE}; 0 refuses them at once).")
    int maxQueued;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1m",
            description = "The largest JSON body, in bytes or with k or m (default: ${DEFAULT-VALUE}); larger ones get 413.")
    String maxBody;

    @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "3000",
            description = "Run the examples through the rules for up to MS ms before /readyz says ready, so the first users "
                    + "find the code compiled (default: ${DEFAULT-VALUE}; 0 skips it). The API answers meanwhile.")
    long warmupMillis;

    @Option(names = "--max-request-time", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long a request's body may take to arrive (default: ${DEFAULT-VALUE}); past it a JSON request "
                    + "gets 408 and a JSON Lines batch ends with a request-timeout problem line, so a client trickling bytes "
                    + "cannot hold a slot.")
    int maxRequestSeconds;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "On stop, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
    int shutdownSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CommandLine cl = spec.commandLine();
        ServiceMetrics metrics = new ServiceMetrics();
        Troubleshooter.Builder b = rules.builder(cl).onReload(metrics.reloadListener());
        if (watch) {
            b.watch(Duration.ofSeconds(2));
        }
        if (maxRequestSeconds < 1) {
            throw new CommandLine.ParameterException(cl, "--max-request-time: " + maxRequestSeconds + " is under one second");
        }
        DiagnosisServer server;
        try {
            server = DiagnosisServer.builder().host(bind).port(port).troubleshooter(b::build).metrics(metrics)
                    .token(token(cl)).tls(tls(cl))
                    .maxBodyBytes(size(cl, maxBody))
                    .maxConcurrent(maxConcurrent).maxQueued(maxQueued, Duration.ofSeconds(2))
                    .shutdownTimeout(Duration.ofSeconds(shutdownSeconds))
                    .maxRequestTime(Duration.ofSeconds(maxRequestSeconds))
                    .warmup(Duration.ofMillis(warmupMillis))
                    .build();
        } catch (IllegalArgumentException e) {
            String hint = e.getMessage().startsWith("refusing")
                    ? " (give --token-file FILE, set " + TOKEN_ENV + ", or --tls-keystore with --tls-truststore)" : "";
            throw new CommandLine.ParameterException(cl, e.getMessage() + hint);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            metrics.close();
            stopped.countDown();
        }, "authdoctor-serve-stop"));
        out.println("authdoctor: serving on " + (keystore == null ? "http" : "https") + "://" + hostForUrl(bind) + ":" + server.port()
                + "/ (Ctrl-C to stop)");
        out.flush();
        try {
            server.awaitReady(Duration.ofMinutes(5));
        } catch (IllegalStateException e) {
            server.close();
            spec.commandLine().getErr().println("authdoctor: " + e.getMessage());
            return Main.EXIT_INPUT;
        }
        out.println("authdoctor: ready");
        out.flush();
        stopped.await();
        return Main.EXIT_OK;
    }

    private BearerToken token(CommandLine cl) {
        if (tokenFile != null) {
            if (!Files.isReadable(tokenFile)) {
                throw new CommandLine.ParameterException(cl, "--token-file " + tokenFile + ": no such file, or it cannot be read");
            }
            return BearerToken.fromFile(tokenFile);
        }
        String env = System.getenv(TOKEN_ENV);
        return env == null || env.isBlank() ? null : BearerToken.of(env, TOKEN_ENV);
    }

    private TlsSettings tls(CommandLine cl) {
        if (keystore == null && truststore == null) {
            if (tlsPasswordFile != null) {
                throw new CommandLine.ParameterException(cl, "--tls-password-file needs --tls-keystore and --tls-truststore");
            }
            return null;
        }
        if (keystore == null || truststore == null || tlsPasswordFile == null) {
            throw new CommandLine.ParameterException(cl,
                    "mutual TLS needs all of --tls-keystore, --tls-truststore and --tls-password-file");
        }
        try {
            String password = Files.readString(tlsPasswordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return new TlsSettings(keystore, truststore, password);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, "--tls-password-file " + tlsPasswordFile + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** {@code 1048576}, {@code 512k} or {@code 1m}. */
    private static long size(CommandLine cl, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = t.endsWith("k") ? 1024 : t.endsWith("m") ? 1024 * 1024 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.ParameterException(cl, "--max-body " + text + ": not a size (bytes, or a number followed by k or m)");
        }
    }

    private static String hostForUrl(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
