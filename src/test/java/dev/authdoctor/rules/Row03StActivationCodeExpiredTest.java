package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 3: Entrust ST, the activation code has expired. */
class Row03StActivationCodeExpiredTest {

    static final String ID = "st-activation-code-expired";
    static final String MESSAGE = "The soft token could not be activated because the activation code has expired. "
            + "Return to your Identity Provider and attempt the action again.";

    @Test
    void theSeedsMessageGivesTheFiveStepsInOrderWithTheirActors() {
        Diagnosis d = diagnose("""
                {"id":"r3","error":{"message":"%s","source":"ENTRUST_ST_APP"}}""".formatted(MESSAGE));
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/press-ok",
                "ADMINISTRATOR " + ID + "/reactivate",
                "USER " + ID + "/delete-failed-authenticator",
                "USER " + ID + "/activate-again",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.steps().get(4).text()).contains("second time").contains("support@entrust.com");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.AFTER_SECOND_ATTEMPT);
    }

    @ParameterizedTest(name = "after {0} attempt(s) the escalation is due now: {1}")
    @CsvSource({"0,false", "1,false", "2,true", "5,true"})
    void supportIsDueOnlyAfterTheSecondAttempt(int attempts, boolean now) {
        Diagnosis d = diagnose("""
                {"id":"r3","error":{"message":"%s"},"remediationAttempts":%d}""".formatted(MESSAGE, attempts));
        assertThat(d.escalation().now()).isEqualTo(now);
    }

    @Test
    void aPendingActivationPastTheDefaultLifetimeOf300SecondsIsRecognisedFromTheFacts() {
        Diagnosis d = diagnose("""
                {"id":"r3","reportedAt":"2026-11-28T10:10:00Z",
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","activationSentAt":"2026-11-28T10:04:59Z"}]}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(d.problems().get(0).rules()).contains("row03-facts");
    }

    @Test
    void aLongerConfiguredLifetimeMeansTheActivationHasNotExpired() {
        Diagnosis d = diagnose("""
                {"id":"r3","reportedAt":"2026-11-28T10:10:00Z","settings":{"activationLifetimeSeconds":900},
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","activationSentAt":"2026-11-28T10:04:59Z"}]}""");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }

    @Test
    void anExplicitExpiryBeforeTheReportCounts() {
        Diagnosis d = diagnose("""
                {"id":"r3","reportedAt":"2026-11-28T10:10:00+01:00",
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"NEW","activationExpiresAt":"2026-11-28T09:09:00Z"}]}""");
        assertThat(d.problemIds()).containsExactly(ID);
    }

    @Test
    void anAlreadyActiveTokenHasNoActivationLeftToExpire() {
        Diagnosis d = diagnose("""
                {"id":"r3","reportedAt":"2026-11-28T10:10:00Z",
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE","activationSentAt":"2026-01-01T00:00:00Z"}]}""");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }

    @Test
    void withoutATimeOfReportTheExpiryCannotBeJudged() {
        Diagnosis d = diagnose("""
                {"id":"r3","authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","activationSentAt":"2020-01-01T00:00:00Z"}]}""");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }

    @Test
    void theMessageAndTheFactsTogetherAreOneProblemWithOnePlan() {
        Diagnosis d = diagnose("""
                {"id":"r3","reportedAt":"2026-11-28T10:10:00Z","error":{"message":"%s"},
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","activationExpiresAt":"2026-11-28T10:00:00Z"}]}"""
                .formatted(MESSAGE));
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(d.problems().get(0).rules()).containsExactlyInAnyOrder("row03-message", "row03-facts");
        assertThat(d.steps()).hasSize(5);
    }
}
