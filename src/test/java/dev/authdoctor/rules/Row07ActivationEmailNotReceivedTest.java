package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 7: the activation e-mail never arrived. */
class Row07ActivationEmailNotReceivedTest {

    static final String ID = "activation-email-not-received";

    @Test
    void theSymptomGivesTheTablesOrder() {
        Diagnosis d = diagnose("""
                {"id":"r7","symptom":"ACTIVATION_EMAIL_NOT_RECEIVED"}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "ADMINISTRATOR " + ID + "/confirm-address",
                "ADMINISTRATOR " + ID + "/reactivate",
                "USER " + ID + "/check-spam",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
    }

    @Test
    void anEmailDeliveredToSpamPutsTheSpamFolderFirst() {
        Diagnosis d = diagnose("""
                {"id":"r7","symptom":"ACTIVATION_EMAIL_NOT_RECEIVED","activationEmail":{"sent":true,"delivered":true,"inSpamFolder":true}}""");
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/check-spam",
                "ADMINISTRATOR " + ID + "/confirm-address",
                "ADMINISTRATOR " + ID + "/reactivate",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.steps()).extracting(Diagnosis.Step::order).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anAddressKnownToBeWrongStaysFirstEvenWhenTheSpamFolderIsAlsoLikely() {
        Diagnosis d = diagnose("""
                {"id":"r7","symptom":"ACTIVATION_EMAIL_NOT_RECEIVED","user":{"email":"jo@exmaple.com","emailValid":false},
                 "activationEmail":{"inSpamFolder":true}}""");
        assertThat(plan(d)).startsWith(
                "ADMINISTRATOR " + ID + "/confirm-address",
                "USER " + ID + "/check-spam");
    }

    @Test
    void anUndeliveredEmailIsThisProblemEvenWithoutTheSymptom() {
        Diagnosis d = diagnose("""
                {"id":"r7","activationEmail":{"sent":true,"delivered":false}}""");
        assertThat(d.problemIds()).containsExactly(ID);
    }
}
