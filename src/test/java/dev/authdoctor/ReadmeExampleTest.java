package dev.authdoctor;

import dev.authdoctor.api.Actor;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.InvalidIncidentException;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.UserState;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.incident.ReadResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README's embedding example, kept runnable: if this changes, change the README too. */
class ReadmeExampleTest {

    @Test
    void theEmbeddingExampleDoesWhatTheReadmeSays() {
        Troubleshooter doctor = Troubleshooter.builder()
                .supportContact("helpdesk@example.com")
                .build();

        ReadResult read = IncidentJson.read("{\"id\":\"T1\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}");
        assertThat(read).isInstanceOf(ReadResult.Accepted.class);
        Diagnosis d = doctor.diagnose(((ReadResult.Accepted) read).incident());
        assertThat(d.problemIds()).containsExactly("token-not-working");
        assertThat(d.steps().get(0).actor()).isEqualTo(Actor.SUPER_ADMINISTRATOR);
        assertThat(d.escalation().contact()).isEqualTo("SUPER_ADMINISTRATOR");
        assertThat(d.escalation().recipient()).isEqualTo(Diagnosis.Escalation.Recipient.SUPER_ADMINISTRATOR);
        assertThat(d.escalation().address()).isEmpty();
        assertThat(d.escalation().now()).isTrue();
        assertThat(doctor.openSessions()).isZero();

        ReadResult bad = IncidentJson.read("{\"id\":\"T2\",\"user\":{\"locked\":\"yes\"}}");
        assertThat(((ReadResult.Rejected) bad).errors()).containsExactly("user.locked: expected boolean, got a string \"yes\"");
    }

    @Test
    void theBuilderExampleDoesWhatTheReadmeSays() {
        try (Troubleshooter doctor = Troubleshooter.create()) {
            theBuilderExample(doctor);
        }
    }

    private static void theBuilderExample(Troubleshooter doctor) {
        Incident incident = Incident.builder("T-1")
                .symptom(Symptom.TOKEN_NOT_WORKING)
                .error(e -> e.message("Your account is locked"))
                .user(u -> u.state(UserState.ACTIVE).locked(true))
                .authenticator(a -> a.type(AuthenticatorType.ENTRUST_SOFT_TOKEN).state(AuthenticatorState.ACTIVE))
                .build();
        assertThat(doctor.diagnose(incident).problems().get(0).causes()).containsExactly("USER_LOCKED");
        Incident another = incident.toBuilder().id("T-2").build();
        assertThat(another.id()).isEqualTo("T-2");
        assertThat(another.toBuilder().id("T-1").build()).isEqualTo(incident);
        assertThatThrownBy(() -> Incident.builder("").remediationAttempts(-5).build())
                .isInstanceOf(InvalidIncidentException.class)
                .hasMessage("invalid incident: id: must not be shorter than 1 character(s); remediationAttempts: -5 is below the minimum 0");
    }
}
