package dev.authdoctor.rules;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Path;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.JSON;
import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.incident;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tickets as people write them, end to end through the rules: paraphrased, mistyped, OCR-damaged, translated or
 * only described, they reach their row; off-topic tickets that share its words stay NO_MATCH.
 */
class TextRecognitionTest {

    private static String ticket(String message, String description) {
        StringBuilder sb = new StringBuilder("{\"id\":\"t\"");
        if (message != null) {
            sb.append(",\"error\":{\"message\":").append(json(message)).append('}');
        }
        if (description != null) {
            sb.append(",\"description\":").append(json(description));
        }
        return sb.append('}').toString();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            // paraphrases, typos, OCR, translations of product messages
            "the app told me my activation code expired, go back to the IdP|st-activation-code-expired",
            "Soft tokn could not be activatd, the activaton code has expird|st-activation-code-expired",
            "An identlty with the specifled narne already exists|st-identity-name-exists",
            "Une identité avec ce nom existe déjà|st-identity-name-exists",
            "Clave no válida: la secuencia de números y letras de la clave no es válida|ga-invalid-key",
            "Le mot de passe saisi est incorrect ou le lien est corrompu|msc-password-incorrect-or-link-corrupted",
            "Registrierungskennwort ist abgelaufen oder ungültig|msc-registration-password-expired",
            "Certificate va1idation err0r cornmunicating to https://login.example.org|msc-certificate-validation-error"})
    void aMessageRetypedTranslatedOrDamagedReachesItsRow(String message, String problem) {
        Diagnosis d = diagnose(ticket(message, null));
        assertThat(d.problemIds()).as(message).containsExactly(problem);
        assertThat(d.problems().get(0).text()).isNotNull();
        assertThat(d.problems().get(0).text().field()).isEqualTo("error.message");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "I'm the only admin and I removed my own authenticator by mistake, now I can't log in to the admin portal|admin-only-authenticator-deleted",
            "The activation e-mail for my new soft token never arrived, nothing in spam either|activation-email-not-received",
            "Je n'ai jamais reçu le courriel d'activation pour mon jeton|activation-email-not-received",
            "My 2FA codes are not accepted at login anymore, the token doesn't work|token-not-working",
            "Setting up Google Authenticator by entering the key manually, GA says the key is invalid|ga-invalid-key",
            "As an admin I cannot set this user's new password, the portal says it is in the user's password history|password-in-history",
            "My Entrust app is locked and my IDaaS account is locked too, so the unlock cannot be completed|st-unlock-blocked-account-and-app-locked"})
    void aDescriptionAloneReachesItsRow(String description, String problem) {
        assertThat(diagnose(ticket(null, description)).problemIds()).as(description).first().isEqualTo(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "My VPN token is not working and I can't log in from home",
            "The printer says my card is locked, please unlock it",
            "Windows password expired and the change screen says it's in my password history",
            "Chrome shows NET::ERR_CERT_DATE_INVALID, certificate expired on the intranet",
            "Office says this product key is invalid when I activate it",
            "The bank still sends the SMS code to my old phone number",
            "Outlook keeps asking for my password every few minutes",
            "My Jira account is locked after too many attempts"})
    void anOffTopicTicketSharingTheWordsStaysUnrecognised(String description) {
        Diagnosis d = diagnose(ticket(null, description));
        assertThat(d.outcome()).as(description).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }

    @Test
    void aLockedUserPlusTheAppNotLettingThemInIsRow9WithCauseUserLocked() {
        Diagnosis d = diagnose("""
                {"id":"t","description":"my entrust app won't let me log in","user":{"state":"ACTIVE","locked":true},
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE","inUse":true,"appLocked":false}]}""");
        assertThat(d.problemIds()).first().isEqualTo("token-not-working");
        assertThat(d.problems().get(0).causes()).contains("USER_LOCKED");
    }

    @Test
    void theExactMessageStillWinsOverWhatTheDescriptionSays() {
        Diagnosis d = diagnose(ticket("An identity with the specified name already exists.",
                "the activation code has expired as well, I think"));
        assertThat(d.problemIds()).containsExactly("st-identity-name-exists");
        assertThat(d.problems().get(0).text()).as("recognised from the message, not heard in words").isNull();
    }

    @Test
    void factsThatRuleARowOutWinOverWords() {
        Diagnosis d = diagnose("""
                {"id":"t","description":"When I set a new password for this user the admin portal refuses it, it is in her password history",
                 "passwordPolicy":{"historySize":0}}""");
        assertThat(d.problemIds()).doesNotContain("password-in-history");
    }

    @Test
    void theTextEvidenceIsInTheDiagnosisJsonAndFitsItsSchema() throws Exception {
        Diagnosis d = diagnose(ticket("ST app says activation code expired", null));
        String line = JSON.toLine(d);
        assertThat(line).contains("\"evidence\":\"TEXT\"", "\"confidence\":", "\"matchedTerms\":[", "\"language\":\"en\"",
                "\"field\":\"error.message\"");
        Schema schema;
        try (InputStream in = TextRecognitionTest.class.getResourceAsStream("/dev/authdoctor/io/diagnosis.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("https://authdoctor.dev/schema/diagnosis.schema.json"), in, InputFormat.JSON);
        }
        assertThat(schema.validate(line, InputFormat.JSON)).isEmpty();
    }

    @Test
    void theExtendedPacksPhrasesAddItsProblems() {
        Troubleshooter withExtended = Troubleshooter.builder().addPack(Path.of("packs/idaas-extended")).build();
        Incident grid = incident(ticket(null, "My grid card is rejected every time I sign in, I copy the cells correctly"));
        assertThat(withExtended.diagnose(grid).problemIds()).first().isEqualTo("grid-not-accepted");
        assertThat(DOCTOR.diagnose(grid).outcome()).as("the built-in pack alone does not know grids").isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }
}
