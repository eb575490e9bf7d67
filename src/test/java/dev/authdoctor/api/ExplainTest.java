package dev.authdoctor.api;

import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.JSON;
import static dev.authdoctor.Doctor.incident;
import static org.assertj.core.api.Assertions.assertThat;

/** Explanations cite the rule, its row and the deciding facts, as field paths with values. */
class ExplainTest {

    @Test
    void eachCauseAndStepCitesTheFactsThatDecidedIt() {
        Diagnosis d = DOCTOR.explain(incident("""
                {"id":"x","symptom":"TOKEN_NOT_WORKING","user":{"state":"INACTIVE"},"device":{"clockSkewSeconds":-420},
                 "settings":{"tokenTimeStepSeconds":30,"maxTimeSteps":10}}"""));
        assertThat(d.problems().get(0).explanations()).extracting(e -> e.rule() + " row " + e.row() + ": " + e.because()).containsExactly(
                "row09-cause-clock-drift row 9: [problem token-not-working recognised, device.clockSkewSeconds = -420, -420 > 300 || -420 < -300]",
                "row09-cause-user-inactive row 9: [problem token-not-working recognised, user.state = INACTIVE]",
                "row09-symptom row 9: [symptom = TOKEN_NOT_WORKING]");
        assertThat(d.steps().get(0).explanation().because()).contains("user.state = INACTIVE");
    }

    @Test
    void aRecognisedMessageAndTheAuthenticatorInQuestionAreCited() {
        Diagnosis d = DOCTOR.explain(incident("""
                {"id":"x","symptom":"TOKEN_NOT_WORKING","error":{"message":"Error: Invalid Response."},
                 "authenticators":[{"type":"PASSWORD","state":"ACTIVE"},{"type":"GOOGLE_AUTHENTICATOR","state":"INACTIVE","inUse":true}]}"""));
        assertThat(d.problems()).filteredOn(p -> p.id().equals("token-not-working")).singleElement().satisfies(p ->
                assertThat(p.explanations()).anySatisfy(e -> assertThat(e.because()).contains(
                        "authenticators[1] (the authenticator in question).state = INACTIVE")));
        assertThat(d.problems()).filteredOn(p -> p.id().equals("reset-token-invalid-response")).singleElement().satisfies(p ->
                assertThat(p.explanations().get(0).because()).contains("the error message is reset-token-invalid-response's"));
    }

    @Test
    void explainingChangesNothingButAddsTheReasons() {
        var i = incident("{\"id\":\"x\",\"symptom\":\"ACTIVATION_EMAIL_NOT_RECEIVED\",\"activationEmail\":{\"inSpamFolder\":true}}");
        Diagnosis plain = DOCTOR.diagnose(i);
        Diagnosis explained = DOCTOR.explain(i);
        assertThat(explained.problemIds()).isEqualTo(plain.problemIds());
        assertThat(explained.steps()).extracting(Diagnosis.Step::id).isEqualTo(plain.steps().stream().map(Diagnosis.Step::id).toList());
        assertThat(JSON.toLine(plain)).doesNotContain("explanation");
        assertThat(JSON.toLine(explained)).contains("\"explanation\":{\"rule\":\"row07-solution\"");
        assertThat(explained.steps().get(0).explanation().because()).contains("the solution of activation-email-not-received");
    }
}
