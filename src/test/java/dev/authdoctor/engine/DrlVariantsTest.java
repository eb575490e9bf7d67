package dev.authdoctor.engine;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.IncidentReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Variants compiled from the changed file alone behave as the same variants compiled whole: the same rules, firing in
 * the same order, and the same compile errors; where a file cannot be compiled alone every variant is compiled whole.
 */
class DrlVariantsTest {

    @TempDir
    Path tmp;

    private static final String HEADER = """
            package t.two;

            import dev.authdoctor.incident.*;
            import dev.authdoctor.vocabulary.*;
            import dev.authdoctor.api.Actor;

            """;

    /** Three rules of equal salience on one fact: only their load order (their place in the package) decides which fires first. */
    private static final String FIRST = HEADER + """
            rule "First a"
                @id("two-a") @row("test") @problem("two-clock")
            when
                DeviceFacts( clockSkewSeconds > 300 )
            then
                insert(new ProblemFound("two-clock", Evidence.FACTS));
            end

            rule "First b"
                @id("two-b") @row("test") @problem("two-clock")
            when
                DeviceFacts( clockSkewSeconds > 300 )
            then
                insert(new PlanStep("two-clock", "two-clock/b", 10, Actor.USER, "Sync the clock."));
            end
            """;

    private static final String SECOND = HEADER + """
            rule "Second c"
                @id("two-c") @row("test") @problem("two-clock")
            when
                DeviceFacts( clockSkewSeconds > 300 )
            then
                insert(new PlanStep("two-clock", "two-clock/c", 20, Actor.USER, "Try again."));
            end

            rule "Second d"
                @id("two-d") @row("test") @problem("two-clock")
            when
                DeviceFacts( clockSkewSeconds > 600 )
            then
                insert(new PlanStep("two-clock", "two-clock/d", 30, Actor.ADMINISTRATOR, "Check the time zone."));
            end
            """;

    private RulePack pack(String first, String second) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(dir.resolve(RulePack.MANIFEST), "name=two\nversion=1.0.0\nproblem.two-clock.title=The device clock is off\n");
        Files.writeString(dir.resolve("a-first.drl"), first);
        Files.writeString(dir.resolve("b-second.drl"), second);
        return RulePack.fromFolder(dir);
    }

    private static RulePack withFile(RulePack p, String file, String text) {
        List<DrlSource> sources = p.sources().stream().map(s -> s.name().equals(file) ? new DrlSource(file, text) : s).toList();
        return new RulePack(p.name(), p.version(), p.description(), p.supportContact(), p.problems(), sources, p.folder(), p.sha256(),
                p.knowledge(), p.textSettings());
    }

    private static Diagnosis diagnose(RuleBase rules, int skew) {
        ReadResult read = new IncidentReader().read("{\"id\": \"t\", \"device\": {\"clockSkewSeconds\": " + skew + "}}");
        return Troubleshooter.overRules(rules).diagnose(((ReadResult.Accepted) read).incident());
    }

    @Test
    void aVariantCompiledFromItsChangedFileAloneFiresAsTheWholeDoes() throws IOException {
        RulePack pack = pack(FIRST, SECOND);
        RuleBase original = RuleBase.compile(List.of(pack), false);
        DrlVariants variants = DrlVariants.of(original);
        assertThat(variants.whyNotFast()).isNull();

        List<String> changedSecond = new ArrayList<>();
        // The file compiled alone would number its rules from 0, as if they came first in the package: "Second c" would
        // then tie with "First a" and fire before "First b".
        String weaker = SECOND.replace("clockSkewSeconds > 600", "clockSkewSeconds > 500");
        for (String text : List.of(SECOND, weaker, SECOND.replace("\"two-clock/c\", 20", "\"two-clock/c\", 5"))) {
            List<RulePack> variant = List.of(withFile(pack, "b-second.drl", text));
            for (int skew : List.of(301, 550, 601)) {
                Diagnosis fast = diagnose(variants.compile(variant), skew);
                Diagnosis whole = diagnose(variants.compileWhole(variant), skew);
                assertThat(fast).as("skew %d", skew).isEqualTo(whole);
                changedSecond.add(String.join(",", fast.firedRules()));
            }
        }
        assertThat(changedSecond.get(0)).isEqualTo("two-a,two-b,two-c");
        assertThat(changedSecond).as("the change to the file is compiled in").contains("two-a,two-b,two-c,two-d");
    }

    @Test
    void aChangedFileThatDoesNotCompileIsReportedAsTheWholeBuildReportsIt() throws IOException {
        RulePack pack = pack(FIRST, SECOND);
        DrlVariants variants = DrlVariants.of(RuleBase.compile(List.of(pack), false));
        List<RulePack> broken = List.of(withFile(pack, "b-second.drl", SECOND.replace("clockSkewSeconds > 600", "clockSkew > 600")));
        assertThatThrownBy(() -> variants.compile(broken)).isInstanceOf(dev.authdoctor.api.RulePackException.class)
                .satisfies(e -> assertThat(((dev.authdoctor.api.RulePackException) e).problems().get(0)).startsWith("two/b-second.drl:"));
    }

    @Test
    void aFileThatUsesAnothersFunctionMakesEveryVariantCompileWhole() throws IOException {
        String withFunction = FIRST + """

                function String syncText() {
                    return "Sync the clock.";
                }
                """;
        RulePack pack = pack(withFunction.replace("\"Sync the clock.\")", "syncText())"),
                SECOND.replace("\"Try again.\"", "syncText()"));
        RuleBase original = RuleBase.compile(List.of(pack), false);
        DrlVariants variants = DrlVariants.of(original);
        assertThat(variants.whyNotFast()).startsWith("a file does not compile alone (two/b-second.drl:");
        List<RulePack> variant = List.of(withFile(pack, "b-second.drl", pack.sources().get(1).text().replace("> 600", "> 500")));
        assertThat(diagnose(variants.compile(variant), 550).firedRules()).contains("two-d");
    }
}
