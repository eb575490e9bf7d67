package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 12: mobile smart credential, QR activation, the registration password expired. */
class Row12MscRegistrationPasswordExpiredTest {

    static final String ID = "msc-registration-password-expired";

    @Test
    void theSeedsMessageGivesTheStepsThenSupport() {
        Diagnosis d = diagnose("""
                {"id":"r12","error":{"message":"Failed to activate your identity. Registration password has expired or is invalid. Return to Self-Service and request smart credential activation again."},
                 "remediationAttempts":3}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/request-activation-again",
                "USER " + ID + "/follow-email",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
        assertThat(d.escalation().now()).isTrue();
    }
}
