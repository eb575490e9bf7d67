package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.serve.DiagnosisServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code authdoctor serve}: the resident JSON API and the help desk's page, until stopped. */
@Command(name = "serve",
        header = "Serves the JSON API (/v1) and the help desk's page until stopped (Ctrl-C finishes requests in flight).",
        mixinStandardHelpOptions = true,
        description = {
                "Runs a resident HTTP service: POST /v1/diagnoses and the rest of the API described at /openapi.json,",
                "the help desk's page at /, /healthz, /readyz (ready once the packs are compiled) and /metrics.",
                "It binds 127.0.0.1 unless --bind says otherwise."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped",
                "1:the address could not be bound, or the rules could not be read",
                "2:usage error"})
final class ServeCommand extends RulesCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--watch", description = "Reload the packs when their files change.")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Troubleshooter.Builder b = rules.builder(spec.commandLine());
        if (watch) {
            b.watch(Duration.ofSeconds(2));
        }
        DiagnosisServer server = DiagnosisServer.builder().host(bind).port(port).troubleshooter(b::build).build();
        CountDownLatch stopped = new CountDownLatch(1);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "authdoctor-serve-stop"));
        out.println("authdoctor: serving on http://" + hostForUrl(bind) + ":" + server.port() + "/ (Ctrl-C to stop)");
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

    private static String hostForUrl(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
