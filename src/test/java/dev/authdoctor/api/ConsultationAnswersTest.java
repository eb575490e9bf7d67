package dev.authdoctor.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.authdoctor.Doctor.DOCTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a consultation takes answers and tells: what lands in the gathered incident, what is refused with which words,
 * and which question comes next.
 */
class ConsultationAnswersTest {

    @Test
    void answersLandInTheIncidentAsTheContractTypesThem() {
        Consultation c = Consultation.start(DOCTOR, "a1", "TOKEN_NOT_WORKING", null)
                .answer("user.locked", "YES")
                .answer("user.state", "inactive")
                .answer("device.clockSkewSeconds", " -900 ")
                .answer("remediationAttempts", "2")
                .answer("authenticator.type", "grid");
        assertThat(c.incidentJson()).isEqualTo("{\"id\":\"a1\",\"symptom\":\"TOKEN_NOT_WORKING\","
                + "\"user\":{\"locked\":true,\"state\":\"INACTIVE\"},\"device\":{\"clockSkewSeconds\":-900},\"remediationAttempts\":2,"
                + "\"authenticators\":[{\"type\":\"GRID\",\"inUse\":true}]}");
        assertThat(c.answers()).containsExactly(Map.entry("user.locked", "yes"), Map.entry("user.state", "INACTIVE"),
                Map.entry("device.clockSkewSeconds", "-900"), Map.entry("remediationAttempts", "2"), Map.entry("authenticator.type", "GRID"));
        assertThat(c.incident().user().locked()).isTrue();
        assertThat(c.incident().remediationAttempts()).isEqualTo(2);
        assertThat(c.asked()).containsExactly("user.locked", "user.state", "device.clockSkewSeconds", "remediationAttempts",
                "authenticator.type");
        assertThat(c.unknowns()).isEmpty();
    }

    @Test
    void aQuestionMarkBlankOrUnknownAnswerLeavesTheFactsAsTheyAre() {
        Consultation c = Consultation.start(DOCTOR, "a2", "TOKEN_NOT_WORKING", null);
        String before = c.incidentJson();
        c.answer("user.locked", "?").answer("user.state", null).answer("device.clockSkewSeconds", " UNKNOWN ");
        assertThat(c.incidentJson()).isEqualTo(before);
        assertThat(c.unknowns()).containsExactly("user.locked", "user.state", "device.clockSkewSeconds");
        assertThat(c.answers()).containsEntry("user.locked", Consultation.UNKNOWN);
    }

    @Test
    void noAuthenticatorAtAllThenSomeAuthenticatorAfterAll() {
        Consultation c = Consultation.start(DOCTOR, "a3", "CANNOT_LOG_IN", null).answer("authenticators.none", "yes");
        assertThat(c.incidentJson()).contains("\"authenticators\":[]");
        assertThatThrownBy(() -> c.answer("authenticator.type", "GRID")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("authenticator.type: cannot be answered GRID here (the user has no authenticator)");
        c.answer("authenticators.none", "no");
        assertThat(c.incidentJson()).doesNotContain("authenticators");
        // "no" when authenticators are described leaves them
        Consultation d = Consultation.start(DOCTOR, "a4", "CANNOT_LOG_IN", null).answer("authenticator.type", "GRID")
                .answer("authenticators.none", "no");
        assertThat(d.incidentJson()).contains("\"authenticators\":[{\"type\":\"GRID\",\"inUse\":true}]");
    }

    @Test
    void wrongAnswersAreRefusedNamingTheQuestionAndWhatItTakes() {
        Consultation c = Consultation.start(DOCTOR, "a5", "TOKEN_NOT_WORKING", null);
        assertThatThrownBy(() -> c.answer("user.locked", "maybe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user.locked: \"maybe\" is not one of yes, no (or unknown)");
        assertThatThrownBy(() -> c.answer("remediationAttempts", "1.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remediationAttempts: \"1.5\" is not a whole number (or say unknown)");
        assertThatThrownBy(() -> c.answer("remediationAttempts", "-1")).as("the contract's own check")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remediationAttempts");
        assertThatThrownBy(() -> c.answer("error.source", "USER_PORTAL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("error.source: cannot be answered USER_PORTAL here (no error message was reported)");
        assertThatThrownBy(() -> c.answer("user.lockd", "yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such question: user.lockd");
        assertThat(c.asked()).as("nothing refused is recorded").isEmpty();
    }

    @Test
    void aStartRefusesAnUnknownSymptomListingTheContractsAndAnInvalidText() {
        assertThatThrownBy(() -> Consultation.start(DOCTOR, "a6", " broken ", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symptom: \"broken\" is not one of " + String.join(", ", Consultation.SYMPTOMS)
                        + " (in words or as written; or tell it as a description)");
        assertThatThrownBy(() -> Consultation.start(DOCTOR, "a7", null, null, "x".repeat(20_001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("description");
        // blank parts are nothing reported
        assertThat(Consultation.start(DOCTOR, "a8", " ", " ", " ").incidentJson()).isEqualTo("{\"id\":\"a8\"}");
        assertThat(Consultation.start(DOCTOR, "a9", null, "Invalid Response.", "  it failed  ").incidentJson())
                .isEqualTo("{\"id\":\"a9\",\"error\":{\"message\":\"Invalid Response.\"},\"description\":\"it failed\"}");
    }

    @Test
    void toldWordsSetTheSymptomOrAddALineToTheDescription() {
        Consultation c = Consultation.start(DOCTOR, "t1", null, null);
        assertThat(c.tell(null).tell("  ").incidentJson()).isEqualTo("{\"id\":\"t1\"}");
        c.tell(" my phone was replaced ").tell("the app shows nothing");
        assertThat(c.incident().description()).isEqualTo("my phone was replaced\nthe app shows nothing");
        c.tell("Token Not Working");
        assertThat(c.incidentJson()).contains("\"symptom\":\"TOKEN_NOT_WORKING\"");
        assertThat(c.diagnosis().problemIds()).contains("token-not-working");
        assertThatThrownBy(() -> c.tell("y".repeat(20_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("description");
        assertThat(c.incident().description()).as("a refused tell changes nothing").isEqualTo("my phone was replaced\nthe app shows nothing");
    }

    @Test
    void questionsAndSymptomsAreLookedUpByIdAndWords() {
        assertThat(Consultation.question("user.role")).get().extracting(Consultation.Question::options)
                .isEqualTo(List.of("USER", "ADMINISTRATOR", "SUPER_ADMINISTRATOR"));
        assertThat(Consultation.question("nothing")).isEmpty();
        assertThat(Consultation.symptomOf(null)).isEmpty();
        assertThat(Consultation.symptomOf("\tcannot--log   in ")).contains("CANNOT_LOG_IN");
        assertThat(Consultation.QUESTIONS.get(0).options()).as("read from the contract").contains("USER_PORTAL");
    }

    @Test
    void theMostDecisiveQuestionComesFirstNotTheFirstInThePreferredOrder() {
        // user.locked comes before authenticator.state in QUESTIONS; the authenticator's state splits more diagnoses
        Consultation c = Consultation.start(DOCTOR, "q1", "TOKEN_NOT_WORKING", null);
        assertThat(c.next()).get().extracting(Consultation.Question::id).isEqualTo("authenticator.state");
        assertThat(c.remaining()).isEqualTo(10);
        assertThat(c.inPlay()).isTrue();
    }

    @Test
    void aTellStartsTheQuestionsAfresh() {
        Consultation c = Consultation.start(DOCTOR, "q2", null, null);
        assertThat(c.remaining()).isZero();
        assertThat(c.next()).isEmpty();
        c.tell("token not working");
        // the same questions as a consultation started with that symptom
        assertThat(c.next()).get().extracting(Consultation.Question::id).isEqualTo("authenticator.state");
        assertThat(c.remaining()).isEqualTo(10);
        c.answer("authenticator.state", "ACTIVE");
        assertThat(c.remaining()).isLessThan(10);
        assertThat(c.next()).get().extracting(Consultation.Question::id).isNotEqualTo("authenticator.state");
    }
}
