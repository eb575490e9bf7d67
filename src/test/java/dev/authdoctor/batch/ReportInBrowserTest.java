package dev.authdoctor.batch;

import dev.authdoctor.Doctor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report opened in a real browser (headless Chromium, offline): the counts are in the rendered page and
 * the charts are painted. CI installs Chromium; elsewhere the test is skipped when none is installed.
 */
class ReportInBrowserTest {

    static Path report;
    @TempDir
    static Path dir;

    @BeforeAll
    static void runABatch() throws Exception {
        Path out = dir.resolve("out");
        new Batch(new BatchOptions(List.of("examples/incidents.csv"), out, null, null, 2, false, -1, "support@entrust.com"),
                Doctor.DOCTOR).run(new ByteArrayInputStream(new byte[0]));
        report = out.resolve(Batch.REPORT);
    }

    @Test
    void theCountsRenderInTheBrowser() throws Exception {
        String dom = chromium("--dump-dom", report.toUri().toString());
        assertThat(count(dom, "count-read")).isEqualTo(15);
        assertThat(count(dom, "count-diagnosed")).isEqualTo(13);
        assertThat(count(dom, "count-no-match")).isEqualTo(1);
        assertThat(count(dom, "count-rejected")).isEqualTo(1);
        assertThat(dom).contains("Every record is accounted for");
        assertThat(Pattern.compile("<rect class=\"bar\"").matcher(dom).results().count()).as("one bar per problem").isEqualTo(13);
        assertThat(dom).contains("the otp could not be delivered");
    }

    @Test
    void theChartsArePainted() throws Exception {
        Path shot = dir.resolve("report.png");
        chromium("--window-size=1000,1400", "--screenshot=" + shot, report.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).isNotNull();
        assertThat(pixels(image, 0x2f6fb3)).as("problem bars painted").isGreaterThan(13 * 3_000);
        assertThat(pixels(image, 0xc0392b)).as("escalations due now painted").isGreaterThan(2_000);
    }

    static int count(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(dom);
        assertThat(m.find()).as(id + " in the rendered page").isTrue();
        return Integer.parseInt(m.group(1));
    }

    static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xFFFFFF;
                if (Math.abs((p >> 16) - (rgb >> 16)) <= 6 && Math.abs((p >> 8 & 0xFF) - (rgb >> 8 & 0xFF)) <= 6
                        && Math.abs((p & 0xFF) - (rgb & 0xFF)) <= 6) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Runs headless Chromium with no network and a throw-away profile; returns what it printed. */
    static String chromium(String... args) throws Exception {
        String binary = findChromium();
        if (binary == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("Chromium is not installed: .ci/run installs Debian's chromium package");
            }
            Assumptions.abort("Chromium is not installed (apt-get install chromium); CI installs it and runs this test");
        }
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s");
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    static String findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }
}
