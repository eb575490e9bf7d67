package dev.authdoctor.testing;

import dev.authdoctor.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenarios: a failure says expected against actual; coverage names the rules no case made fire. */
class ScenarioRunnerTest {

    @Test
    void aFailingCaseShowsExpectedAgainstActualAndCoverageNamesTheRuleNeverFired(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "scenarios/widget.yaml", """
                - name: passes
                  given: {id: w1, error: {message: "The widget is jammed."}}
                  expect: {problems: [test-widget-jammed], steps: [test-widget-jammed/unjam]}
                - name: fails on every count
                  given: {id: w2, error: {message: "The widget is jammed."}}
                  expect:
                    problems: [token-not-working]
                    causes: [CLOCK_DRIFT]
                    steps: [test-widget-jammed/unjam, test-widget-jammed/shake]
                    escalation: {condition: IMMEDIATE}
                """);
        TestPacks.put(dir, "extra.drl", """
                package test.rules;
                import dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;
                rule "A gadget never seen"
                    @id("gadget-rule") @row("test") @problem("test-widget-jammed")
                when
                    Incident( id == "no such incident" )
                then
                end
                """);
        ScenarioRunner.Report report = PackScenarios.of(dir).run();
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.cases().get(1).failures()).containsExactly(
                "problems: expected exactly [token-not-working] but was [test-widget-jammed]",
                "causes: expected exactly [CLOCK_DRIFT] but was []",
                "steps: expected, in this order, [test-widget-jammed/unjam, test-widget-jammed/shake]; \"test-widget-jammed/shake\" "
                        + "is missing or out of order; the plan was [1. test-widget-jammed/unjam]",
                "escalation: expected {condition: IMMEDIATE} but was none");
        assertThat(report.neverFired()).containsExactly("gadget-rule");
        assertThat(report.fired()).containsExactly("widget-message", "widget-solution");
    }

    /** {@code steps} lets a partial list through; {@code stepsExactly} pins the whole plan, by id or exact text. */
    @Test
    void stepsExactlyPinsTheWholePlanWhereStepsOnlyAsksForASubsequence(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "scenarios/widget.yaml", """
                - name: exact by id
                  given: {id: w1, error: {message: "The widget is jammed."}}
                  expect: {stepsExactly: [test-widget-jammed/unjam]}
                - name: exact by text
                  given: {id: w2, error: {message: "The widget is jammed."}}
                  expect: {stepsExactly: ["Unjam the widget (version 1)."]}
                - name: a partial list passes as steps
                  given: {id: w3, error: {message: "The widget is jammed."}}
                  expect: {steps: []}
                - name: but not as stepsExactly
                  given: {id: w4, error: {message: "The widget is jammed."}}
                  expect: {stepsExactly: []}
                - name: one step too many
                  given: {id: w5, error: {message: "The widget is jammed."}}
                  expect: {stepsExactly: [test-widget-jammed/unjam, test-widget-jammed/shake]}
                - name: a wrong text under the right id's place
                  given: {id: w6, error: {message: "The widget is jammed."}}
                  expect: {stepsExactly: ["Shake the widget."]}
                """);
        ScenarioRunner.Report report = PackScenarios.of(dir).run();
        assertThat(report.cases()).extracting(c -> c.passed()).containsExactly(true, true, true, false, false, false);
        assertThat(report.cases().get(3).failures()).containsExactly(
                "steps: expected exactly, in this order, [] but the plan was [1. test-widget-jammed/unjam]");
        assertThat(report.cases().get(4).failures()).containsExactly("steps: expected exactly, in this order, "
                + "[test-widget-jammed/unjam, test-widget-jammed/shake] but the plan was [1. test-widget-jammed/unjam]");
    }

    @Test
    void aCaseWhoseIncidentIsInvalidSaysWhy(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "scenarios/bad.yaml", """
                - name: a bad state
                  given: {id: b1, user: {state: ENABLED}}
                  expect: {outcome: NO_MATCH}
                """);
        assertThat(PackScenarios.of(dir).run().cases().get(0).failures()).first().asString()
                .startsWith("given: not a valid incident: user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE");
    }

    @Test
    void mistakesInAScenarioFileNameTheFileTheCaseAndTheField(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "scenarios/typo.yaml", """
                - name: typo
                  given: {id: t1}
                  expect: {problem: [x]}
                """);
        assertThatThrownBy(() -> ScenarioFiles.ofPack(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scenarios/typo.yaml, case \"typo\": expect: unknown field \"problem\"");
        TestPacks.put(dir, "scenarios/typo.yaml", "- name: [unclosed\n");
        assertThatThrownBy(() -> ScenarioFiles.ofPack(dir)).hasMessageStartingWith("scenarios/typo.yaml: not valid YAML");
    }

    @Test
    void whyNotPinsWhatStoodInTheWayOfAProblemsWords(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        String locked = "{id: y1, user: {state: ACTIVE, locked: false}, "
                + "description: \"my account is locked and the Entrust ST app is locked too, unlock does not work\"}";
        TestPacks.put(dir, "scenarios/why.yaml", """
                - name: the words are contradicted by a fact, and nothing else stands in the way
                  given: %1$s
                  expect:
                    outcome: NO_MATCH
                    whyNot:
                      st-unlock-blocked-account-and-app-locked: {contradictedBy: user.locked = false, tookInstead: [], firmer: none}
                - name: a wrong contradiction
                  given: %1$s
                  expect:
                    whyNot:
                      st-unlock-blocked-account-and-app-locked: {contradictedBy: user.state}
                - name: no contradiction expected
                  given: %1$s
                  expect:
                    whyNot:
                      st-unlock-blocked-account-and-app-locked: {contradictedBy: none}
                - name: another candidate expected instead
                  given: %1$s
                  expect:
                    whyNot:
                      st-unlock-blocked-account-and-app-locked: {tookInstead: [token-not-working]}
                """.formatted(locked));
        ScenarioRunner.Report report = PackScenarios.of(dir).run();
        assertThat(report.cases()).extracting(c -> c.passed()).containsExactly(true, false, false, false);
        assertThat(report.cases().get(1).failures()).containsExactly("whyNot st-unlock-blocked-account-and-app-locked: "
                + "expected contradicted by \"user.state\" but was \"user.locked = false\"");
        assertThat(report.cases().get(2).failures()).containsExactly("whyNot st-unlock-blocked-account-and-app-locked: "
                + "expected no contradiction but was \"user.locked = false\"");
        assertThat(report.cases().get(3).failures()).containsExactly("whyNot st-unlock-blocked-account-and-app-locked: "
                + "expected exactly [token-not-working] taken instead but was []");
        // the mutation runner's first failure, too
        assertThat(new ScenarioRunner().firstFailure(dev.authdoctor.api.Troubleshooter.builder().addPack(dir).build(), ScenarioFiles.ofPack(dir)))
                .startsWith("scenarios/why.yaml: a wrong contradiction: whyNot");

        TestPacks.put(dir, "scenarios/why.yaml", """
                - name: typo
                  given: {id: y2}
                  expect: {whyNot: {token-not-working: {contradicted: x}}}
                """);
        assertThatThrownBy(() -> ScenarioFiles.ofPack(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scenarios/why.yaml, case \"typo\": expect.whyNot.token-not-working: unknown field \"contradicted\"");
        TestPacks.put(dir, "scenarios/why.yaml", """
                - name: not a list
                  given: {id: y3}
                  expect: {whyNot: {token-not-working: {tookInstead: ga-invalid-key}}}
                """);
        assertThatThrownBy(() -> ScenarioFiles.ofPack(dir)).hasMessageStartingWith(
                "scenarios/why.yaml, case \"not a list\": expect.whyNot.token-not-working.tookInstead: expected a list of problem ids");
    }
}
