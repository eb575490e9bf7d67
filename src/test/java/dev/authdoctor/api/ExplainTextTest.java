package dev.authdoctor.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.JSON;
import static dev.authdoctor.Doctor.incident;
import static org.assertj.core.api.Assertions.assertThat;

/** --explain of a problem heard in the ticket's words: which words, where, in which language, how sure, and against what. */
class ExplainTextTest {

    private static List<String> because(Diagnosis d, String problemId) {
        Diagnosis.Problem p = d.problems().stream().filter(x -> x.id().equals(problemId)).findFirst().orElseThrow();
        return p.explanations().stream().filter(e -> e.rule().startsWith("text-")).findFirst().orElseThrow().because();
    }

    @Test
    void aMistypedMessageNamesTheWordsAsWrittenTheirFieldLanguageAndScore() {
        Diagnosis d = DOCTOR.explain(incident("{\"id\":\"e1\",\"error\":{\"message\":\"Entrust app: the activaton code has expird\"}}"));
        assertThat(d.problemIds()).containsExactly("st-activation-code-expired");
        double score = d.problems().get(0).text().confidence();
        assertThat(because(d, "st-activation-code-expired"))
                .anySatisfy(l -> assertThat(l).startsWith("words heard in error.message, read as English (en): ")
                        .contains("\"activaton code\"", "\"expird\"", "\"Entrust app\""))
                .anySatisfy(l -> assertThat(l).startsWith("they match the pack's phrase").containsPattern(
                        "at authdoctor-builtin/phrases/row-03-st-activation-code-expired\\.yaml:\\d+"))
                .contains("score " + score + " against the pack's thresholds: at or above confident 0.75 (minimum 0.6, margin 0.12)")
                .anySatisfy(l -> assertThat(l).startsWith("ahead of the next candidate, "));
    }

    @Test
    void aTranslatedDescriptionNamesItsLanguageAndTheWordsAsThePersonWroteThem() {
        Diagnosis d = DOCTOR.explain(incident("{\"id\":\"e2\",\"description\":\"le code d activation a expiré dans l appli Entrust\"}"));
        assertThat(because(d, "st-activation-code-expired"))
                .anySatisfy(l -> assertThat(l).startsWith("words heard in description, read as French (fr): ")
                        .contains("\"expiré\"", "\"appli\"", "\"Entrust\""))
                .anySatisfy(l -> assertThat(l).startsWith("they match the pack's phrase (fr) \""));
    }

    @Test
    void closeCandidatesAreBothExplainedWithTheirDifferenceUnderTheMargin() {
        Diagnosis d = DOCTOR.explain(incident(
                "{\"id\":\"e3\",\"description\":\"password is incorrect for the smart credential registration, it expired\"}"));
        assertThat(d.problemIds()).containsExactlyInAnyOrder("msc-registration-password-expired", "msc-password-incorrect-or-link-corrupted");
        double a = d.problems().stream().filter(p -> p.id().equals("msc-registration-password-expired")).findFirst().orElseThrow().text().confidence();
        double b = d.problems().stream().filter(p -> p.id().equals("msc-password-incorrect-or-link-corrupted")).findFirst().orElseThrow().text().confidence();
        String difference = String.valueOf(Math.round(Math.abs(a - b) * 1000) / 1000.0);
        assertThat(because(d, "msc-registration-password-expired")).contains("close to msc-password-incorrect-or-link-corrupted at " + b
                + ": the difference " + difference + " is under the margin 0.12, so both are proposed, neither picked");
        assertThat(because(d, "msc-password-incorrect-or-link-corrupted")).contains("close to msc-registration-password-expired at " + a
                + ": the difference " + difference + " is under the margin 0.12, so both are proposed, neither picked");
        assertThat(because(d, "msc-password-incorrect-or-link-corrupted"))
                .anySatisfy(l -> assertThat(l).contains("; the ticket lacks \""));
    }

    @Test
    void aCandidateTheFactsContradictIsNamedWithTheFact() {
        Diagnosis d = DOCTOR.explain(incident("""
                {"id":"e4","description":"google authenticator invalid key and token not working",
                 "error":{"message":"invalid key","source":"ENTRUST_ST_APP"}}"""));
        assertThat(d.problemIds()).containsExactly("token-not-working");
        assertThat(because(d, "token-not-working")).anySatisfy(l -> assertThat(l)
                .matches("candidate ga-invalid-key \\(0\\.\\d+\\) set aside: the facts contradict it "
                        + "\\(error\\.source is another product than Google Authenticator\\)"));
    }

    @Test
    void aCandidateAMarkerRuledOutIsNamedWithTheMarker() {
        // "activation code" is a near-miss marker of row 8: the words that would point to it are named, with the marker
        Diagnosis d = DOCTOR.explain(incident("""
                {"id":"e5","description":"cannot activate the soft token on the user portal after getting the activation e-mail, activation code expired"}"""));
        assertThat(d.problemIds()).first().isEqualTo("st-activation-code-expired");
        assertThat(because(d, "st-activation-code-expired")).anySatisfy(l -> assertThat(l)
                .matches("candidate token-activation-failed-on-portal \\(would score 0\\.\\d+\\) ruled out by the pack's marker \"activation code\""));
    }

    @Test
    void theReasonsAreInTheJsonAndTheDiagnosisIsUnchanged() {
        var i = incident("{\"id\":\"e6\",\"error\":{\"message\":\"ST app says activation code expired\"}}");
        Diagnosis plain = DOCTOR.diagnose(i);
        Diagnosis explained = DOCTOR.explain(i);
        assertThat(explained.problemIds()).isEqualTo(plain.problemIds());
        assertThat(explained.problems().get(0).text()).isEqualTo(plain.problems().get(0).text());
        assertThat(JSON.toLine(explained)).contains("\"rule\":\"text-confident\"", "words heard in error.message, read as English (en)");
        assertThat(JSON.toLine(plain)).doesNotContain("words heard");
    }
}
