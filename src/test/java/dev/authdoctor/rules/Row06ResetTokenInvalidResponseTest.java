package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 6: the Reset token window says "Invalid Response." */
class Row06ResetTokenInvalidResponseTest {

    static final String ID = "reset-token-invalid-response";

    @Test
    void theSeedsMessageInTheResetTokenWindowGivesTheTwoChecksThenSupport() {
        Diagnosis d = diagnose("""
                {"id":"r6","error":{"message":"Invalid Response.","source":"RESET_TOKEN_WINDOW"},"remediationAttempts":1}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/confirm-authenticator",
                "USER " + ID + "/confirm-digits",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
        assertThat(d.escalation().now()).isTrue();
    }

    @Test
    void withoutASourceTheMessageStillCounts() {
        assertThat(diagnose("""
                {"id":"r6","error":{"message":"invalid response"}}""").problemIds()).containsExactly(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GOOGLE_AUTHENTICATOR_APP", "SMART_CREDENTIAL_APP", "ADMIN_PORTAL"})
    void theSameShortTextSeenElsewhereIsNotTheResetTokenWindow(String source) {
        Diagnosis d = diagnose("""
                {"id":"r6","error":{"message":"Invalid Response.","source":"%s"}}""".formatted(source));
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }
}
