package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 10: a new password for a user is refused because it is in the password history. */
class Row10PasswordInHistoryTest {

    static final String ID = "password-in-history";

    @Test
    void aPasswordKnownToBeInTheHistoryGivesTheThreeWaysOut() {
        Diagnosis d = diagnose("""
                {"id":"r10","passwordPolicy":{"historySize":5,"newPasswordInHistory":true}}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "ADMINISTRATOR " + ID + "/assign-unused-password",
                "ADMINISTRATOR " + ID + "/user-details-authenticators",
                "ADMINISTRATOR " + ID + "/disable-history");
        assertThat(d.steps().get(2).text()).contains("Password Kept in History").contains("enter 0");
        assertThat(d.escalation()).as("the table gives row 10 no escalation").isNull();
    }

    @Test
    void theReportedRefusalIsEnoughWhenTheHistoryIsNotKnownToBeOff() {
        assertThat(diagnose("""
                {"id":"r10","symptom":"NEW_PASSWORD_REJECTED","error":{"message":"Password rejected","source":"ADMIN_PORTAL"}}""")
                .problemIds()).containsExactly(ID);
    }

    @Test
    void aDisabledHistoryRulesItOut() {
        assertThat(diagnose("""
                {"id":"r10","symptom":"NEW_PASSWORD_REJECTED","passwordPolicy":{"historySize":0}}""").outcome())
                .isEqualTo(Diagnosis.Outcome.NO_MATCH);
        assertThat(diagnose("""
                {"id":"r10","passwordPolicy":{"historySize":0,"newPasswordInHistory":true}}""").outcome())
                .isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }
}
