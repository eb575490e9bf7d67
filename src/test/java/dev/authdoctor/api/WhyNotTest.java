package dev.authdoctor.api;

import dev.authdoctor.engine.WhyNot;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.incident;
import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** why-not: the condition that failed, with the value it saw, and the unknown facts that would decide it. */
class WhyNotTest {

    @Test
    void namesTheFailedConditionWithTheValueItSaw() {
        WhyNot.Report r = DOCTOR.whyNot("st-unlock-blocked-account-and-app-locked", incident("""
                {"id":"w1","user":{"locked":false},"authenticators":[{"type":"ENTRUST_SOFT_TOKEN","appLocked":true}]}"""));
        assertThat(r.diagnosed()).isFalse();
        WhyNot.RuleResult facts = r.rules().stream().filter(x -> x.ruleId().equals("row01-facts")).findFirst().orElseThrow();
        assertThat(facts.fired()).isFalse();
        assertThat(facts.conditions()).extracting(c -> c.status() + " " + c.condition()).containsExactly(
                "NOT_HELD UserFacts( locked == true )", "HELD AuthenticatorFacts( appLocked == true )");
        assertThat(facts.conditions().get(0).detail()).contains("locked = false");
    }

    @Test
    void namesTheMissingFactsThatWouldDecideIt() {
        WhyNot.Report r = DOCTOR.whyNot("admin-only-authenticator-deleted", incident("{\"id\":\"w2\",\"symptom\":\"CANNOT_LOG_IN\"}"));
        assertThat(r.rules()).singleElement().satisfies(rule -> assertThat(rule.conditions())
                .flatExtracting(WhyNot.ConditionResult::missing).containsExactly("user.role", "authenticators"));
    }

    @Test
    void aDiagnosedProblemShowsEveryConditionOfTheFiringRuleHeld() {
        WhyNot.Report r = DOCTOR.whyNot("token-not-working", incident("{\"id\":\"w3\",\"symptom\":\"TOKEN_NOT_WORKING\"}"));
        assertThat(r.diagnosed()).isTrue();
        assertThat(r.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.fired()).isTrue();
            assertThat(rule.conditions()).allSatisfy(c -> assertThat(c.status()).isEqualTo(WhyNot.Status.HELD));
        });
        assertThatThrownBy(() -> DOCTOR.whyNot("no-such-problem", incident("{\"id\":\"w4\"}"))).hasMessageContaining("no rule pack knows");
    }

    @Test
    void theCommandLineSaysItInWords() {
        var out = run("{\"id\":\"w5\",\"symptom\":\"TOKEN_NOT_WORKING\",\"device\":{\"clockSkewSeconds\":20}}\n",
                "why-not", "st-activation-code-expired", "-");
        assertThat(out.exit()).isZero();
        assertThat(out.out()).contains("st-activation-code-expired was not diagnosed for incident w5.")
                .contains("Rule row03-message (row 3) did not fire:")
                .contains("not held  RecognisedMessage( problemId == \"st-activation-code-expired\" )");
    }
}
