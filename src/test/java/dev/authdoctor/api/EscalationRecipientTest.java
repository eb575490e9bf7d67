package dev.authdoctor.api;

import dev.authdoctor.api.Diagnosis.Escalation.Recipient;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.JSON;
import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.incident;
import static org.assertj.core.api.Assertions.assertThat;

/** Java callers tell the super administrator from a support address by type; the JSON keeps its one string. */
class EscalationRecipientTest {

    @Test
    void aLockedUserGoesToTheSuperAdministratorWhoHasNoAddress() {
        Diagnosis d = diagnose("{\"id\":\"e1\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}");
        assertThat(d.escalation().recipient()).isEqualTo(Recipient.SUPER_ADMINISTRATOR);
        assertThat(d.escalation().address()).isEmpty();
        assertThat(JSON.toLine(d)).contains("\"contact\":\"SUPER_ADMINISTRATOR\"");
    }

    @Test
    void aPersistingProblemGoesToTheSupportAddressInForce() {
        String ticket = "{\"id\":\"e2\",\"error\":{\"message\":\"Error: invalid response\"}}";
        Diagnosis d = diagnose(ticket);
        assertThat(d.escalation().recipient()).isEqualTo(Recipient.SUPPORT);
        assertThat(d.escalation().address()).contains(Troubleshooter.DEFAULT_SUPPORT_CONTACT);
        assertThat(JSON.toLine(d)).contains("\"contact\":\"support@entrust.com\"");

        try (Troubleshooter own = Troubleshooter.builder().supportContact("help@example.com").build()) {
            Diagnosis.Escalation e = own.diagnose(incident(ticket)).escalation();
            assertThat(e.recipient()).isEqualTo(Recipient.SUPPORT);
            assertThat(e.address()).contains("help@example.com");
        }
        assertThat(DOCTOR.supportContact()).isEqualTo(Troubleshooter.DEFAULT_SUPPORT_CONTACT);
    }
}
