package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 4: Entrust ST, "An identity with the specified name already exists." */
class Row04StIdentityNameExistsTest {

    static final String ID = "st-identity-name-exists";

    @Test
    void theSeedsMessageGivesTheStepsInOrderAndSupportIfItPersists() {
        Diagnosis d = diagnose("""
                {"id":"r4","error":{"message":"An identity with the specified name already exists.","source":"ENTRUST_ST_APP"},
                 "remediationAttempts":1}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/press-ok",
                "USER " + ID + "/enter-unique-name",
                "USER " + ID + "/confirm-name-unused",
                "USER " + ID + "/press-activate",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.steps().get(4).text()).contains("not due to an activation link expiry");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
        assertThat(d.escalation().now()).as("one attempt already failed").isTrue();
    }

    @Test
    void noAttemptYetMeansTheEscalationIsNotDue() {
        Diagnosis d = diagnose("""
                {"id":"r4","error":{"message":"An identity with the specified name already exists."}}""");
        assertThat(d.escalation().now()).isFalse();
    }

    @Test
    void whenTheActivationLinkHasExpiredRowThreeTakesOverTheEscalation() {
        Diagnosis d = diagnose("""
                {"id":"r4","reportedAt":"2026-11-28T10:10:00Z",
                 "error":{"message":"An identity with the specified name already exists."},
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","activationExpiresAt":"2026-11-28T10:00:00Z"}]}""");
        assertThat(d.problemIds()).containsExactly(ID, "st-activation-code-expired");
        assertThat(plan(d)).doesNotContain("SUPPORT " + ID + "/contact-support");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.AFTER_SECOND_ATTEMPT);
    }
}
