package dev.authdoctor.golden;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.authdoctor.cli.Main;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.testing.PackScenarios;
import dev.authdoctor.testing.ScenarioRunner;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plan is the product: the full diagnoses of the examples and of every scenario case are pinned byte for
 * byte in {@code src/test/resources/golden}, reviewed once against the seed table (golden/REVIEW.md).
 * After a deliberate change of a rule, regenerate them with {@code mvn test -Dtest=GoldenDiagnosesTest
 * -Dgolden.update=true}, read the diff in git, and update REVIEW.md for every changed step text.
 */
class GoldenDiagnosesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /** Exactly what {@code ./authdoctor diagnose examples/incidents.jsonl} prints. */
    @Test
    void theExamplesDiagnoseExactlyAsReviewed() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err),
                "diagnose", "examples/incidents.jsonl");
        assertThat(exit).as(err.toString()).isZero();
        compare("examples.jsonl", out.toString());
    }

    /** Every case of the built-in pack's scenarios, then every case of the extended pack's (loaded with the built-in one). */
    @Test
    void everyScenarioCaseDiagnosesExactlyAsReviewed() throws Exception {
        StringBuilder out = new StringBuilder();
        for (String pack : List.of("rules", "packs/idaas-extended")) {
            ScenarioRunner.Report report = PackScenarios.of(Path.of(pack)).run();
            assertThat(report.cases()).as(pack).isNotEmpty();
            for (ScenarioRunner.CaseResult c : report.cases()) {
                out.append(DiagnosisJson.toJson(c.diagnosis())).append('\n');
            }
        }
        compare("scenarios.jsonl", out.toString());
    }

    private static void compare(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            List<String> a = lines(expected);
            List<String> b = lines(actual);
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("golden/" + name, "actual", a, DiffUtils.diff(a, b), 0);
            fail("the diagnoses differ from " + file + " (- reviewed, + now). If the change is deliberate, regenerate "
                    + "with mvn test -Dtest=GoldenDiagnosesTest -Dgolden.update=true and review it against the seed table "
                    + "(golden/REVIEW.md).\n" + String.join("\n", diff.stream().map(GoldenDiagnosesTest::readable).toList()));
        }
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }

    /** A diagnosis line is long; a diff line shows it with one step or problem per line, each marked - or +, so the changed text stands out. */
    private static String readable(String diffLine) {
        String mark = diffLine.isEmpty() || "-+ ".indexOf(diffLine.charAt(0)) < 0 ? "" : diffLine.substring(0, 1);
        return diffLine.replace("},{", "},\n" + mark + "    {");
    }
}
