package dev.authdoctor.testing.mutation;

import dev.authdoctor.cli.Main;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.testing.PackMutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutation runs over a pack of one rule, on its own (without the built-in pack, so each mutant compiles fast): strong
 * scenarios kill every mutant, a weak copy lets the ones it cannot see through and says where they are.
 */
class PackMutatorTest {

    @TempDir
    Path tmp;

    static final String RULE = """
            package t.tiny;

            import dev.authdoctor.incident.*;
            import dev.authdoctor.vocabulary.*;
            import dev.authdoctor.api.Actor;

            rule "A device clock off by more than 300 s"
                @id("tiny-clock") @row("test") @problem("tiny-clock")
            when
                DeviceFacts( clockSkewSeconds > 300 )
            then
                insert(new ProblemFound("tiny-clock", Evidence.FACTS));
                insert(new PlanStep("tiny-clock", "tiny-clock/sync", 10, Actor.USER, "Sync the clock."));
                insert(new PlanStep("tiny-clock", "tiny-clock/retry", 20, Actor.USER, "Try again."));
            end
            """;

    static final String PLAN_PINNED = """
            - name: 301 s off is over the limit, with the whole plan pinned
              given: {id: t1, device: {clockSkewSeconds: 301}}
              expect:
                problems: [tiny-clock]
                stepsExactly:
                  - {id: tiny-clock/sync, actor: USER, text: Sync the clock.}
                  - {id: tiny-clock/retry, actor: USER, text: Try again.}
            """;

    static final String AT_THE_LIMIT = """
            - name: exactly 300 s off is within the limit
              given: {id: t2, device: {clockSkewSeconds: 300}}
              expect: {outcome: NO_MATCH, problems: []}
            """;

    private Path pack(String... scenarioFiles) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("tiny"));
        Files.writeString(dir.resolve(RulePack.MANIFEST), "name=tiny\nversion=1.0.0\nproblem.tiny-clock.title=The device clock is off\n");
        Files.writeString(dir.resolve("tiny.drl"), RULE);
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        for (int i = 0; i < scenarioFiles.length; i++) {
            Files.writeString(scenarios.resolve("s" + i + ".yaml"), scenarioFiles[i]);
        }
        return dir;
    }

    @Test
    void strongScenariosKillEveryMutant_andThePackIsLeftAsItWas() throws IOException {
        Path dir = pack(PLAN_PINNED, AT_THE_LIMIT);
        String hash = RulePack.hashOf(dir);
        MutationReport report = PackMutator.of(dir).withoutBuiltIn().run();
        assertThat(report.survivors()).as(report.text()).isEmpty();
        assertThat(report.count(MutationReport.Status.KILLED)).isGreaterThanOrEqualTo(10);
        assertThat(report.score()).isEqualTo(100.0);
        assertThat(RulePack.hashOf(dir)).as("the pack's files are untouched").isEqualTo(hash);
    }

    @Test
    void aWeakPackReportsItsSurvivorsWithFileLineRuleAndChange() throws IOException {
        Path dir = pack(PLAN_PINNED); // without the case at the limit: nothing says where the limit is, nor that one is needed
        MutationReport report = PackMutator.of(dir).withoutBuiltIn().run();
        assertThat(report.survivors()).extracting(r -> r.mutant().file() + ":" + r.mutant().line() + " " + r.mutant().rule() + " "
                        + r.mutant().operator().label() + " " + r.mutant().change())
                .containsExactlyInAnyOrder(
                        "tiny.drl:10 tiny-clock drop-pattern DeviceFacts( clockSkewSeconds > 300 ) -> (removed)",
                        "tiny.drl:10 tiny-clock drop-constraint clockSkewSeconds > 300 -> (removed)",
                        "tiny.drl:10 tiny-clock flip-comparison clockSkewSeconds > 300 -> clockSkewSeconds >= 300",
                        "tiny.drl:10 tiny-clock change-threshold clockSkewSeconds > 300 -> clockSkewSeconds > 299");
        assertThat(report.score()).isLessThan(100.0);
        assertThat(report.text()).contains("SURVIVED  tiny.drl:10  tiny-clock  flip-comparison: clockSkewSeconds > 300 -> clockSkewSeconds >= 300")
                .contains("mutation score: ");
        assertThat(report.json()).contains("\"status\":\"SURVIVED\"").contains("\"line\":10");
        assertThatThrownBy(() -> PackMutations.of(dir).withoutBuiltIn().minScore(100).test()).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("tiny.drl:10  tiny-clock  flip-comparison");
    }

    @Test
    void aMarkedEquivalentIsReportedApart_andAStaleMarkIsListed() throws IOException {
        Path dir = pack(PLAN_PINNED);
        Files.writeString(dir.resolve(Equivalents.FILE), """
                - rule: tiny-clock
                  operator: change-threshold
                  change: "clockSkewSeconds > 300 -> clockSkewSeconds > 299"
                  reason: marked for this test only
                - rule: tiny-clock
                  operator: flip-comparison
                  change: "clockSkewSeconds > 400 -> clockSkewSeconds >= 400"
                  reason: matches nothing
                """);
        MutationReport report = PackMutator.of(dir).withoutBuiltIn().run();
        assertThat(report.of(MutationReport.Status.EQUIVALENT)).singleElement()
                .satisfies(r -> assertThat(r.detail()).isEqualTo("marked for this test only"));
        assertThat(report.survivors()).hasSize(3);
        assertThat(report.stale()).extracting(Equivalents.Mark::line).containsExactly(2);
        assertThat(report.text()).contains("STALE     mutation-equivalents.yaml, entry 2");
    }

    @Test
    void mutantsCompiledFromTheirFileAloneMeetTheFatesTheyMeetCompiledWhole() throws IOException {
        Path dir = pack(PLAN_PINNED);
        // A second file in the same package, whose rules answer to the first's: dropping or flipping a condition in one
        // file changes what the other sees.
        Files.writeString(dir.resolve("tiny-escalation.drl"), """
                package t.tiny;

                import dev.authdoctor.incident.*;
                import dev.authdoctor.vocabulary.*;
                import dev.authdoctor.api.Actor;

                rule "A clock off by more than an hour is also a time zone question"
                    @id("tiny-zone") @row("test") @problem("tiny-clock")
                when
                    ProblemFound( problemId == "tiny-clock" )
                    DeviceFacts( clockSkewSeconds >= 3600 )
                then
                    insert(new PlanStep("tiny-clock", "tiny-clock/zone", 5, Actor.USER, "Check the time zone."));
                end
                """);
        Files.writeString(dir.resolve("scenarios/s1.yaml"), """
                - name: two hours off is a time zone question first
                  given: {id: t3, device: {clockSkewSeconds: 7200}}
                  expect: {problems: [tiny-clock], steps: [tiny-clock/zone, tiny-clock/sync]}
                """);
        MutationReport fast = PackMutator.of(dir).withoutBuiltIn().run();
        MutationReport whole = PackMutator.of(dir).withoutBuiltIn().compilingWhole().run();
        assertThat(fast.compiled()).startsWith("only each mutant's file compiled");
        assertThat(whole.compiled()).startsWith("every file compiled for each mutant");
        java.util.function.Function<MutationReport, java.util.List<String>> fates = r -> r.results().stream()
                .map(x -> x.mutant().file() + ":" + x.mutant().line() + " " + x.mutant().change() + " " + x.status()).toList();
        assertThat(fates.apply(fast)).containsExactlyElementsOf(fates.apply(whole));
        assertThat(fast.survivors()).isNotEmpty();
        assertThat(fast.count(MutationReport.Status.KILLED)).isGreaterThan(5);
    }

    @Test
    void aMarkedMutantTheScenariosKillIsKilled_andItsMarkStale() throws IOException {
        Path dir = pack(PLAN_PINNED, AT_THE_LIMIT);
        Files.writeString(dir.resolve(Equivalents.FILE), """
                - rule: tiny-clock
                  operator: flip-comparison
                  change: "clockSkewSeconds > 300 -> clockSkewSeconds >= 300"
                  reason: "wrongly marked, the case at the limit tells them apart"
                """);
        MutationReport report = PackMutator.of(dir).withoutBuiltIn().run();
        assertThat(report.of(MutationReport.Status.EQUIVALENT)).isEmpty();
        assertThat(report.of(MutationReport.Status.KILLED)).extracting(r -> r.mutant().change())
                .contains("clockSkewSeconds > 300 -> clockSkewSeconds >= 300");
        assertThat(report.stale()).extracting(Equivalents.Mark::line).containsExactly(1);
    }

    @Test
    void aMarkWithoutItsReasonIsRefused() throws IOException {
        Path dir = pack(PLAN_PINNED);
        Files.writeString(dir.resolve(Equivalents.FILE), "- {rule: tiny-clock, operator: flip-comparison, change: x}\n");
        assertThatThrownBy(() -> PackMutator.of(dir).withoutBuiltIn().run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mutation-equivalents.yaml, entry 1: reason is required");
    }

    @Test
    void mutantsThatDoNotCompileAreCountedApart() throws IOException {
        Path dir = pack(PLAN_PINNED, AT_THE_LIMIT);
        // A child rule extends its parent: deleting the parent leaves the child without one, which Drools refuses.
        Files.writeString(dir.resolve("tiny.drl"), RULE + """

                rule "Far off" extends "A device clock off by more than 300 s"
                    @id("tiny-far") @row("test") @problem("tiny-clock")
                when
                    DeviceFacts( clockSkewSeconds > 3600 )
                then
                    insert(new PlanStep("tiny-clock", "tiny-clock/far", 5, Actor.ADMINISTRATOR, "Check the device's time zone."));
                end
                """);
        MutationReport report = PackMutator.of(dir).withoutBuiltIn().run();
        assertThat(report.of(MutationReport.Status.FAILED_TO_COMPILE)).extracting(r -> r.mutant().operator().label() + " " + r.mutant().rule())
                .contains("delete-rule tiny-clock");
        assertThat(report.valid()).isEqualTo(report.count(MutationReport.Status.KILLED) + report.count(MutationReport.Status.SURVIVED));
        assertThat(report.results()).hasSize((int) (report.valid() + report.count(MutationReport.Status.FAILED_TO_COMPILE)));
    }

    @Test
    void theCommandFailsBelowMinScore_andPassesAtIt() throws IOException {
        Path weak = pack(PLAN_PINNED);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err),
                "test", weak.toString(), "--no-builtin", "--rules", weak.toString(), "--mutate", "--min-score", "100");
        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("SURVIVED  tiny.drl:10").contains("mutation score: ");
        StringWriter json = new StringWriter();
        exit = Main.run(InputStream.nullInputStream(), new PrintWriter(json), new PrintWriter(err),
                "test", weak.toString(), "--no-builtin", "--rules", weak.toString(), "--mutate", "--min-score", "50", "--format", "json");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(json.toString()).startsWith("{\"pack\":\"tiny\"").contains("\"survived\":4");
    }

    @Test
    void onlyTheFilesAskedForAreMutated_andMarksOnOtherFilesAreNotStale() throws IOException {
        Path dir = pack(PLAN_PINNED, AT_THE_LIMIT);
        Files.writeString(dir.resolve("second.drl"), RULE.replace("tiny-clock\")", "tiny-far\")").replace("@problem(\"tiny-far\")", "@problem(\"tiny-clock\")")
                .replace("A device clock off by more than 300 s", "A device clock off by more than an hour").replace("> 300", "> 3600")
                .replace("\"tiny-clock/", "\"tiny-far/"));
        Files.writeString(dir.resolve(Equivalents.FILE), """
                - rule: tiny-far
                  operator: change-threshold
                  change: "clockSkewSeconds > 3600 -> clockSkewSeconds > 3599"
                  reason: no scenario is about an hour; marked for this test only
                """);
        MutationReport strong = PackMutator.of(dir).withoutBuiltIn().onlyFiles(List.of("tiny.drl")).run();
        assertThat(strong.results()).isNotEmpty().allSatisfy(r -> assertThat(r.mutant().file()).isEqualTo("tiny.drl"));
        assertThat(strong.survivors()).as(strong.text()).isEmpty();
        assertThat(strong.stale()).as("the mark is for a file not mutated in this run").isEmpty();

        MutationReport weak = PackMutator.of(dir).withoutBuiltIn().onlyFiles(List.of("sec*")).run();
        assertThat(weak.results()).isNotEmpty().allSatisfy(r -> assertThat(r.mutant().file()).isEqualTo("second.drl"));
        assertThat(weak.survivors()).isNotEmpty();

        assertThatThrownBy(() -> PackMutator.of(dir).withoutBuiltIn().onlyFiles(List.of("row-*.drl")).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--files").hasMessageContaining("second.drl");
    }
}
