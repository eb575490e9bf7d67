package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 13: mobile smart credential, "The password entered is incorrect or the link is corrupted." */
class Row13MscPasswordIncorrectTest {

    static final String ID = "msc-password-incorrect-or-link-corrupted";

    @Test
    void theSeedsMessageGivesTheStepsThenSupport() {
        Diagnosis d = diagnose("""
                {"id":"r13","error":{"message":"The password entered is incorrect or the link is corrupted. Try again.","source":"SMART_CREDENTIAL_APP"}}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/use-latest-email",
                "USER " + ID + "/check-characters",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
        assertThat(d.escalation().now()).isFalse();
    }
}
