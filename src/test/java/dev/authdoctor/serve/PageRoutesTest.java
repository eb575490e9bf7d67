package dev.authdoctor.serve;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page as files: served at / and /assets/ with the right types and policy, nothing else reachable through
 * /assets/, nothing inline, no HTML built from strings, and the same vocabulary as the incident contract.
 */
class PageRoutesTest {

    static Troubleshooter doctor;
    static DiagnosisServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        doctor = Troubleshooter.create();
        server = DiagnosisServer.builder().port(0).troubleshooter(doctor).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
        doctor.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The Content-Type as sent, spaces dropped (Jetty writes {@code ;charset=}). */
    static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PageRoutes.class.getResourceAsStream(PageRoutes.ROOT + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesThePageAndItsFilesWithTheirTypesAndPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(type(page)).isEqualTo("text/html;charset=utf-8");
        assertThat(page.body()).isEqualTo(resource("index.html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        for (String[] file : new String[][]{{"app.js", "text/javascript; charset=utf-8"}, {"app.css", "text/css; charset=utf-8"},
                {"icon.svg", "image/svg+xml; charset=utf-8"}}) {
            HttpResponse<String> r = get("/assets/" + file[0]);
            assertThat(r.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(type(r)).as(file[0]).isEqualTo(file[1].replace(" ", ""));
            assertThat(r.body()).as(file[0]).isEqualTo(resource(file[0]));
        }
    }

    @Test
    void servesTheFilesEvenBeforeThePacksAreReady() throws Exception {
        // The page is static: an agent can open it while the server still compiles (the API answers 503 meanwhile).
        CountDownLatch compiling = new CountDownLatch(1);
        try (DiagnosisServer slow = DiagnosisServer.builder().port(0).troubleshooter(() -> {
            try {
                compiling.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("packs never meant to load in this test");
        }).build().start()) {
            assertThat(slow.ready()).isFalse();
            for (String path : List.of("/", "/assets/app.js")) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + slow.port() + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(200);
            }
        } finally {
            compiling.countDown();
        }
    }

    @Test
    void reachesNothingElseThroughAssets() throws Exception {
        for (String path : List.of("/assets/index.html", "/assets/nope.js", "/assets/..%2F..%2Fio%2Fincident.schema.json",
                "/assets/%2e%2e/dev/authdoctor/io/incident.schema.json", "/assets/", "/assets/PageRoutes.class")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("\"$schema\"", "<!DOCTYPE");
        }
    }

    @Test
    void hasNoInlineScriptOrStyleAndBuildsNoHtmlFromStrings() throws Exception {
        String html = resource("index.html");
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=\"/assets/)", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("every script is a file under /assets/").isFalse();
        assertThat(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=|javascript:", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("no inline style, event handler attribute or javascript: URL").isFalse();
        String js = resource("app.js");
        assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "setAttribute('on", "localStorage", "sessionStorage");
    }

    @Test
    void speaksTheContractsVocabulary() throws Exception {
        String html = resource("index.html");
        List<String> symptoms = new ArrayList<>(options(html, "symptom"));
        symptoms.remove("");
        assertThat(symptoms).containsExactlyInAnyOrderElementsOf(Consultation.SYMPTOMS);
        // Each "what you know" list answers a consultation question, with exactly the answers it takes.
        Matcher selects = Pattern.compile("<select id=\"([a-z-]+)\" data-question=\"([a-zA-Z.]+)\"").matcher(html);
        int seen = 0;
        while (selects.find()) {
            seen++;
            Consultation.Question q = Consultation.question(selects.group(2)).orElseThrow(() -> new AssertionError(
                    "index.html asks " + selects.group(2) + ", which is no consultation question"));
            List<String> values = new ArrayList<>(options(html, selects.group(1)));
            assertThat(values.remove(0)).as(q.id() + ": the first choice is 'Not known'").isEmpty();
            if (q.number()) {
                assertThat(values).as(q.id()).allMatch(v -> v.matches("\\d+"));
            } else {
                assertThat(values).as(q.id()).containsExactlyInAnyOrderElementsOf(q.options());
            }
        }
        assertThat(seen).isGreaterThanOrEqualTo(4);
    }

    static List<String> options(String html, String selectId) {
        Matcher select = Pattern.compile("<select id=\"" + selectId + "\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(html);
        assertThat(select.find()).as("select " + selectId).isTrue();
        List<String> values = new ArrayList<>();
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\"").matcher(select.group(1));
        while (option.find()) {
            values.add(option.group(1));
        }
        return values;
    }
}
