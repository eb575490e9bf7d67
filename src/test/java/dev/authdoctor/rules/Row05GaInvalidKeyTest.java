package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 5: Google Authenticator, manual key entry, "Invalid key". */
class Row05GaInvalidKeyTest {

    static final String ID = "ga-invalid-key";

    @Test
    void theSeedsMessageGivesTheStepsAndSupportIfItPersists() {
        Diagnosis d = diagnose("""
                {"id":"r5","error":{"message":"Invalid key - The key sequence of numbers and letters is invalid.",
                 "source":"GOOGLE_AUTHENTICATOR_APP"}}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/press-ok",
                "USER " + ID + "/compare-key",
                "USER " + ID + "/correct-key",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
        assertThat(d.escalation().now()).isFalse();
    }
}
