package dev.authdoctor.serve;

import dev.authdoctor.api.Actor;
import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help desk's page in a real browser: Debian's Chromium, headless, driven through Debian's chromedriver (both
 * paths given, so Selenium Manager never looks for or downloads a browser). Walks paste ticket, answer questions,
 * plan, why, ticket download; a hostile ticket renders as text; at phone width there is no sideways scroll and the
 * keyboard alone reaches the diagnosis. Skipped when Chromium or chromedriver is missing, except in CI
 * ({@code CI=true} or {@code AUTHDOCTOR_REQUIRE_BROWSER=1}, both set by .ci/run), where that fails.
 */
class PageInBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Duration WAIT = Duration.ofSeconds(60); // two shared cores: be patient, never flaky

    /** Records what the page must never do: alerts and policy violations, installed before any of its scripts run. */
    static final String WATCH = """
            window.__alerts = [];
            window.__violations = [];
            window.alert = (m) => window.__alerts.push(String(m));
            window.confirm = window.prompt = window.alert;
            document.addEventListener('securitypolicyviolation',
                (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """;

    static final String TICKET = "Hi, my token is not working, the code is always rejected when I log in. "
            + "Please call me on +44 20 7946 0958 or write to jane.doe@example.com";

    /** Held, so the level set on it stays (java.util.logging keeps loggers weakly). */
    static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @TempDir
    static Path downloads;
    static Troubleshooter doctor;
    static DiagnosisServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void start() {
        requireBrowser();
        // CDP commands go through chromedriver, not Selenium's per-version DevTools modules: its warning that it
        // has none for this Chromium is noise here.
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        doctor = Troubleshooter.create();
        server = DiagnosisServer.builder().port(0).troubleshooter(doctor).build().start();
        server.awaitReady(Duration.ofSeconds(120));
        base = "http://127.0.0.1:" + server.port() + "/";

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
        wait = new WebDriverWait(driver, WAIT);
    }

    static void requireBrowser() {
        if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
            return;
        }
        String missing = "Chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is not installed";
        if ("1".equals(System.getenv("AUTHDOCTOR_REQUIRE_BROWSER")) || "true".equals(System.getenv("CI"))) {
            throw new AssertionError(missing + ": .ci/run installs Debian's chromium and chromium-driver packages");
        }
        Assumptions.abort(missing + " (apt-get install chromium chromium-driver); CI installs them and runs this test");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (doctor != null) {
            doctor.close();
        }
    }

    @BeforeEach
    void openThePage() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.get(base);
        wait.until(d -> js("return document.readyState").equals("complete"));
    }

    @AfterEach
    void nothingInjectedNoPolicyViolated() {
        assertThat((List<?>) js("return window.__alerts")).as("alerts").isEmpty();
        assertThat((List<?>) js("return window.__violations")).as("content security policy violations").isEmpty();
    }

    @Test
    void pasteATicketAnswerTheQuestionsFollowThePlanAndDownloadTheRedactedDraft() throws Exception {
        type(By.id("ticket-text"), TICKET);
        type(By.id("incident-id"), "HD-1042");
        new Select(driver.findElement(By.id("user-state"))).selectByValue("ACTIVE");
        driver.findElement(By.id("diagnose")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(activeId()).as("focus moves to the diagnosis").isEqualTo("result-heading");

        // Answer every question the page asks, one at a time; the second one is left unknown.
        Map<String, String> given = new LinkedHashMap<>();
        given.put("user.state", "ACTIVE");
        for (int asked = 0; driver.findElement(By.id("question-form")).isDisplayed(); asked++) {
            assertThat(asked).as("questions asked").isLessThan(Consultation.QUESTIONS.size());
            String id = driver.findElement(By.id("question-form")).getDomAttribute("data-question");
            assertThat(driver.findElement(By.id("question-prompt")).getText())
                    .isEqualTo(Consultation.question(id).orElseThrow().prompt());
            int before = answersShown();
            if (asked == 1) {
                driver.findElement(By.id("unknown")).click();
                given.put(id, Consultation.UNKNOWN);
            } else if (!driver.findElements(By.id("q-number")).isEmpty()) {
                String value = Consultation.question(id).orElseThrow().options().get(1);
                type(By.id("q-number"), value);
                driver.findElement(By.id("answer")).click();
                given.put(id, value);
            } else {
                WebElement first = driver.findElement(By.cssSelector("#question-options input[type=radio]"));
                given.put(id, first.getDomAttribute("value")); // read before answering: the answer replaces the options
                first.click();
                driver.findElement(By.id("answer")).click();
            }
            wait.until(d -> answersShown() == before + 1);
        }
        assertThat(given).as("the walk asked questions").hasSizeGreaterThan(2);
        assertThat(driver.findElement(By.id("no-more")).isDisplayed()).isTrue();

        // The same consultation made in Java: the page must show its plan, in order, with its actors.
        Consultation c = Consultation.start(doctor, "HD-1042", null, null, TICKET);
        given.forEach((q, a) -> {
            if (a.equals(Consultation.UNKNOWN)) {
                c.unknown(q);
            } else {
                c.answer(q, a);
            }
        });
        Diagnosis expected = c.diagnosis();
        assertThat(expected.steps().stream().map(Diagnosis.Step::actor).distinct().count())
                .as("a plan with more than one actor").isGreaterThan(1);
        List<String> shown = driver.findElements(By.cssSelector("#plan > li")).stream()
                .map(li -> li.findElement(By.className("actor")).getText().toUpperCase(java.util.Locale.ROOT).replace(' ', '_')
                        + " | " + li.findElement(By.className("step-text")).getText()).toList();
        assertThat(shown).containsExactlyElementsOf(expected.steps().stream()
                .map(s -> s.actor().name() + " | " + s.text()).toList());
        assertThat(driver.findElement(By.cssSelector("#problems h3")).getText()).isEqualTo(expected.problems().get(0).title());
        // Screen readers hear the outcome through the live region.
        wait.until(d -> String.valueOf(js("return document.getElementById('status').textContent"))
                .startsWith("Diagnosis: " + expected.problems().get(0).title()));
        assertThat(driver.findElement(By.id("status")).getDomAttribute("aria-live")).isEqualTo("polite");
        Diagnosis.Escalation e = expected.escalation();
        assertThat(e).isNotNull();
        assertThat(driver.findElement(By.cssSelector("#escalation .badge")).getText()).isEqualTo(e.now() ? "Due now" : "Not due yet");
        assertThat(driver.findElement(By.id("escalation")).getText()).contains(e.contact());
        assertThat(Stream.of(Actor.values()).map(Actor::name)).contains(expected.steps().get(0).actor().name());

        // Why, on demand: the rules that concluded, with the facts that made them fire.
        driver.findElement(By.id("why")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why-panel")));
        String why = driver.findElement(By.id("why-panel")).getText();
        for (Diagnosis.Problem p : expected.problems()) {
            for (String rule : p.rules()) {
                assertThat(why).as("why names rule " + rule).contains("Rule " + rule);
            }
        }
        assertThat(driver.findElement(By.id("why")).getDomAttribute("aria-expanded")).isEqualTo("true");
        assertNoSidewaysScroll();
        screenshot("walk-1280");

        // The ticket draft, downloaded as a file: redacted.
        Set<Path> before = downloaded();
        driver.findElement(By.id("download")).click();
        Path file = awaitDownload(before);
        String draft = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(file.getFileName().toString()).doesNotContain("HD-1042").endsWith(".txt");
        assertThat(draft).contains("Subject: [HD-1042] " + expected.problems().get(0).title())
                .contains(expected.steps().get(0).text())
                .doesNotContain("jane.doe@example.com", "7946 0958", "jane.doe")
                .contains("@example.com");
        assertThat((String) js("return document.getElementById('draft').textContent")).isEqualTo(draft);
        assertThat(driver.findElement(By.id("ticket-status")).getText()).startsWith("Downloaded " + file.getFileName());
    }

    @Test
    void aServerThatAsksForATokenGetsItFromTheAgentAndThenDiagnoses() {
        String token = "page-test-token-0123456789";
        try (DiagnosisServer guarded = DiagnosisServer.builder().port(0).troubleshooter(doctor)
                .token(BearerToken.of(token, "test")).build().start()) {
            guarded.awaitReady(Duration.ofSeconds(60));
            driver.get("http://127.0.0.1:" + guarded.port() + "/");
            wait.until(d -> js("return document.readyState").equals("complete"));
            assertThat(driver.findElement(By.id("token-field")).isDisplayed()).as("no token asked before the server asks").isFalse();
            type(By.id("ticket-text"), TICKET);
            driver.findElement(By.id("diagnose")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("access-token")));
            assertThat(driver.findElement(By.id("error")).getText()).contains("access token");
            assertThat(driver.findElement(By.id("result")).isDisplayed()).isFalse();
            type(By.id("access-token"), token);
            driver.findElement(By.id("diagnose")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
            assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
            assertThat((String) js("return sessionStorage.length + localStorage.length + document.cookie.length + ''"))
                    .as("the token is kept nowhere but the field").isEqualTo("0");
        }
    }

    @Test
    void aHostileTicketRendersAsText() throws IOException {
        String hostile = "<img src=x onerror=alert(1)> my token is not working, the code is always rejected "
                + "<script>alert(2)</script><b id=injected>bold</b> \"><svg onload=alert(3)></svg> ' onmouseover='alert(4)";
        type(By.id("ticket-text"), hostile);
        type(By.id("error-message"), "<iframe src=javascript:alert(5)></iframe>");
        type(By.id("incident-id"), "<i id=alsoinjected>T-9</i>");
        driver.findElement(By.id("diagnose")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        List<String> reported = driver.findElements(By.cssSelector("#reported dd")).stream()
                .map(dd -> (String) js("return arguments[0].textContent", dd)).toList();
        assertThat(reported).contains(hostile, "<iframe src=javascript:alert(5)></iframe>", "<i id=alsoinjected>T-9</i>");
        assertThat(driver.findElements(By.cssSelector("#plan > li"))).as("the ticket was still diagnosed").isNotEmpty();
        driver.findElement(By.id("why")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why-panel")));
        // The draft quotes the ticket's words back (under "Facts reported"): as text too.
        driver.findElement(By.id("download")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft-details")));
        assertThat((String) js("return document.getElementById('draft').textContent"))
                .contains("<img src=x onerror=alert(1)>", "<script>alert(2)</script>");
        screenshot("hostile-1280");
        assertThat(((Number) js("return document.querySelectorAll('img, svg, iframe, b, i, #injected, #alsoinjected').length")).intValue())
                .as("elements injected").isZero();
        assertThat(((Number) js("return document.scripts.length")).intValue()).as("scripts").isEqualTo(1);
    }

    @Test
    void atPhoneWidthTheKeyboardAloneReachesTheDiagnosisWithNoSidewaysScroll() throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        driver.get(base);
        wait.until(d -> js("return document.readyState").equals("complete"));
        assertThat(((Number) js("return window.innerWidth")).intValue()).isEqualTo(390);
        assertNoSidewaysScroll();

        tabTo("ticket-text");
        // An unbroken string longer than the screen is wide: it must wrap, not widen the page.
        new Actions(driver).sendKeys("token not working, the code is refused " + "A".repeat(120)).perform();
        tabTo("diagnose");
        Map<?, ?> outline = (Map<?, ?>) js("const s = getComputedStyle(document.activeElement);"
                + " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)};");
        assertThat(outline.get("style")).as("focus is visible").isNotEqualTo("none");
        assertThat(((Number) outline.get("width")).doubleValue()).as("focus outline width").isGreaterThanOrEqualTo(2);
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        wait.until(d -> "result-heading".equals(activeId()));
        assertThat(driver.findElements(By.cssSelector("#plan > li"))).isNotEmpty();
        assertNoSidewaysScroll();

        // One question, by keyboard: to the first answer, choose it, on to the button, Enter.
        assertThat(driver.findElement(By.id("question-form")).isDisplayed()).isTrue();
        tabTo("q-option-0");
        new Actions(driver).sendKeys(Keys.SPACE).perform();
        tabTo("answer");
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        wait.until(d -> answersShown() == 1);
        wait.until(d -> {
            String id = activeId();
            return id.startsWith("q-") || id.equals("result-heading");
        });
        assertNoSidewaysScroll();
        screenshot("keyboard-390");
    }

    // ---- helpers ----

    /** With -Dpage.screenshots=DIR, saves what the page looked like at this point: for a person to look at, not checked. */
    static void screenshot(String name) throws IOException {
        String dir = System.getProperty("page.screenshots");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            byte[] png = java.util.Base64.getDecoder().decode((String) driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("captureBeyondViewport", true, "format", "png")).get("data"));
            Files.write(Path.of(dir, name + ".png"), png);
        }
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static String activeId() {
        return String.valueOf(js("return document.activeElement ? document.activeElement.id : ''"));
    }

    static int answersShown() {
        return driver.findElements(By.cssSelector("#answers dt")).size();
    }

    static void type(By field, String text) {
        WebElement e = driver.findElement(field);
        e.clear();
        e.sendKeys(text);
    }

    /** Presses TAB until the element with this id has the focus (a bounded number of times). */
    static void tabTo(String id) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (id.equals(activeId())) {
                return;
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
            path.add(activeId());
        }
        throw new AssertionError("TAB never reached #" + id + "; focus went through " + path);
    }

    static void assertNoSidewaysScroll() {
        Map<?, ?> w = (Map<?, ?>) js("return {scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth};");
        assertThat(((Number) w.get("scroll")).intValue()).as("page width against the viewport's " + w.get("view"))
                .isLessThanOrEqualTo(((Number) w.get("view")).intValue());
    }

    /** The finished downloads (Chrome renames a file to its own name once it is complete). */
    static Set<Path> downloaded() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(p -> p.toString().endsWith(".txt")).collect(Collectors.toCollection(java.util.HashSet::new));
        }
    }

    static Path awaitDownload(Set<Path> before) throws IOException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            Set<Path> now = downloaded();
            now.removeAll(before);
            if (!now.isEmpty()) {
                assertThat(now).as("one download").hasSize(1);
                return now.iterator().next();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the download");
            }
        }
        throw new AssertionError("no ticket draft was downloaded to " + downloads + " within " + WAIT);
    }
}
