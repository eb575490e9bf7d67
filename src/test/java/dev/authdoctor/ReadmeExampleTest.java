package dev.authdoctor;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.ReadResult;
import dev.authdoctor.model.Actor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's embedding example, kept runnable: if this changes, change the README too. */
class ReadmeExampleTest {

    @Test
    void theEmbeddingExampleDoesWhatTheReadmeSays() {
        Troubleshooter doctor = Troubleshooter.builder()
                .supportContact("helpdesk@example.com")
                .build();
        IncidentReader reader = new IncidentReader();

        ReadResult read = reader.read("{\"id\":\"T1\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}");
        assertThat(read).isInstanceOf(ReadResult.Accepted.class);
        Diagnosis d = doctor.diagnose(((ReadResult.Accepted) read).incident());
        assertThat(d.problemIds()).containsExactly("token-not-working");
        assertThat(d.steps().get(0).actor()).isEqualTo(Actor.SUPER_ADMINISTRATOR);
        assertThat(d.escalation().contact()).isEqualTo("SUPER_ADMINISTRATOR");
        assertThat(d.escalation().now()).isTrue();
        assertThat(doctor.openSessions()).isZero();

        ReadResult bad = reader.read("{\"id\":\"T2\",\"user\":{\"locked\":\"yes\"}}");
        assertThat(((ReadResult.Rejected) bad).errors()).containsExactly("user.locked: expected boolean, got a string \"yes\"");
    }
}
