package dev.authdoctor.serve;

import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mutual TLS: a client with a trusted certificate is served; one without is refused in the handshake. */
class MutualTlsTest {

    static final String PASSWORD = "changeit-test";
    @TempDir
    static Path dir;
    static Troubleshooter doctor;
    static DiagnosisServer server;

    /** Throwaway keys from the JDK's keytool: a server and a client, each self-signed, each trusting the other. */
    @BeforeAll
    static void start() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", "server.p12");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=help-desk-client",
                "-validity", "2", "-keystore", "client.p12");
        keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
        keytool("-exportcert", "-alias", "client", "-keystore", "client.p12", "-file", "client.crt");
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", "client.crt", "-keystore", "server-trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore", "client-trust.p12");
        doctor = Troubleshooter.create();
        // 0.0.0.0 is allowed: mutual TLS guards it
        server = DiagnosisServer.builder().host("0.0.0.0").port(0).troubleshooter(doctor)
                .tls(new TlsSettings(dir.resolve("server.p12"), dir.resolve("server-trust.p12"), PASSWORD))
                .build().start();
        server.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        server.close();
        doctor.close();
    }

    static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("keytool %s: %s", String.join(" ", args), out).isZero();
    }

    static HttpClient client(boolean withCertificate) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load("client-trust.p12"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(withCertificate ? load("client.p12") : null, PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(withCertificate ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static KeyStore load(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(20));
    }

    @Test
    void aClientWithATrustedCertificateIsServed() throws Exception {
        String incident = Files.readAllLines(Path.of("examples/incidents.jsonl")).get(0);
        HttpResponse<String> r = client(true).send(at("/v1/diagnoses").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(incident)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"outcome\"");
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        HttpClient anonymous = client(false);
        assertThatThrownBy(() -> anonymous.send(at("/healthz").build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void plainHttpIsNotServed() {
        HttpClient plain = HttpClient.newHttpClient();
        assertThatThrownBy(() -> {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isNotEqualTo(200); // Jetty may answer 400 to HTTP on a TLS port; never the resource
            throw new IOException("answered " + r.statusCode());
        }).isInstanceOf(IOException.class);
    }
}
