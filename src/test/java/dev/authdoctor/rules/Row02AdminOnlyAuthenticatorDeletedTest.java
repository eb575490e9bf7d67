package dev.authdoctor.rules;

import dev.authdoctor.api.Actor;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.incident;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 2: an administrator whose only authenticator was deleted cannot log in; support at once. */
class Row02AdminOnlyAuthenticatorDeletedTest {

    static final String ID = "admin-only-authenticator-deleted";

    @ParameterizedTest
    @ValueSource(strings = {"ADMINISTRATOR", "SUPER_ADMINISTRATOR"})
    void anAdministratorWithNoAuthenticatorLeftGoesStraightToSupport(String role) {
        Diagnosis d = diagnose("""
                {"id":"r2","symptom":"CANNOT_LOG_IN","user":{"role":"%s"},"authenticators":[]}""".formatted(role));
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly("SUPPORT " + ID + "/contact-support");
        assertThat(d.steps().get(0).text()).contains("support@entrust.com");
        assertThat(d.escalation()).isEqualTo(new Diagnosis.Escalation("support@entrust.com",
                EscalationCondition.IMMEDIATE, true, d.escalation().reason()));
    }

    @Test
    void anOrdinaryUserWithoutAuthenticatorsIsNotThisProblem() {
        Diagnosis d = diagnose("""
                {"id":"r2","user":{"role":"USER"},"authenticators":[]}""");
        assertThat(d.problemIds()).doesNotContain(ID);
    }

    @Test
    void anUnknownListOfAuthenticatorsIsNotAnEmptyOne() {
        Diagnosis d = diagnose("""
                {"id":"r2","symptom":"CANNOT_LOG_IN","user":{"role":"ADMINISTRATOR"}}""");
        assertThat(d.problemIds()).doesNotContain(ID);
    }

    @Test
    void theOrganisationsOwnHelpDeskReplacesEntrustSupport() {
        Troubleshooter own = Troubleshooter.builder().supportContact("helpdesk@example.org").build();
        Diagnosis d = own.diagnose(incident("""
                {"id":"r2","user":{"role":"ADMINISTRATOR"},"authenticators":[]}"""));
        assertThat(d.escalation().contact()).isEqualTo("helpdesk@example.org");
        assertThat(d.steps()).singleElement().satisfies(s -> {
            assertThat(s.actor()).isEqualTo(Actor.SUPPORT);
            assertThat(s.text()).contains("helpdesk@example.org").doesNotContain("entrust.com");
        });
    }
}
