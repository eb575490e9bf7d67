package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePackManifestTest {

    private static RulePack manifest(String text) {
        return RulePack.fromManifest(text, List.of(), "p");
    }

    @Test
    void aProblemCanSayWhichProblemAndCauseItRefines() {
        RulePack p = manifest("""
                name=p
                version=1
                problem.drift.title=Drift
                problem.drift.refines=token-not-working
                problem.drift.refines.cause=CLOCK_DRIFT
                problem.other.title=Other
                """);
        assertThat(p.problems().get("drift").refines()).isEqualTo("token-not-working");
        assertThat(p.problems().get("drift").refinesCause()).isEqualTo("CLOCK_DRIFT");
        assertThat(p.problems().get("other").refines()).isNull();
    }

    @Test
    void aProblemRefiningItselfIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> manifest("name=p\nversion=1\nproblem.drift.title=Drift\nproblem.drift.refines=drift\n"))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems())
                        .anyMatch(m -> m.contains("problem.drift.refines") && m.contains("another problem")));
    }

    @Test
    void aRefinedCauseWithoutTheProblemItBelongsToIsRefused() {
        assertThatThrownBy(() -> manifest("name=p\nversion=1\nproblem.drift.title=Drift\nproblem.drift.refines.cause=CLOCK_DRIFT\n"))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems())
                        .anyMatch(m -> m.contains("problem.drift.refines.cause") && m.contains("needs problem.drift.refines")));
    }
}
