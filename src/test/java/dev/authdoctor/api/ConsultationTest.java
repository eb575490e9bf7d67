package dev.authdoctor.api;

import dev.authdoctor.cli.BatchCommandTest;
import dev.authdoctor.incident.AuthenticatorFacts;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.incident;
import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A consultation answered from a full incident reaches that incident's diagnosis, asking only questions that matter. */
class ConsultationTest {

    static List<String> examples() throws Exception {
        return Files.readAllLines(Path.of("examples/incidents.jsonl"));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("examples")
    void aScriptedConsultationForEachRowReachesTheFullIncidentsDiagnosis(String line) {
        Incident full = incident(line);
        Diagnosis expected = DOCTOR.diagnose(full);
        Consultation c = Consultation.start(DOCTOR, full.id(), full.symptom() == null ? null : full.symptom().name(),
                full.error() == null ? null : full.error().message());
        for (Optional<Consultation.Question> q = c.next(); q.isPresent(); q = c.next()) {
            String id = q.get().id();
            assertThat(couldChange(c, q.get())).as("asked %s, whose answer could not change the diagnosis", id).isTrue();
            c.answer(id, answerFrom(full, id));
        }
        assertThat(Consultation.signature(c.diagnosis(), Set.of())).isEqualTo(Consultation.signature(expected, Set.of()));
        assertThat(c.asked()).hasSizeLessThanOrEqualTo(Consultation.QUESTIONS.size());
    }

    @Test
    void aTokenThatDoesNotWorkIsNarrowedDownByWhatMattersAndUnknownIsAccepted() {
        Consultation c = Consultation.start(DOCTOR, "c1", "TOKEN_NOT_WORKING", null);
        assertThat(c.diagnosis().steps()).hasSize(6); // the five checks and support
        Set<String> asked = new HashSet<>();
        for (Optional<Consultation.Question> q = c.next(); q.isPresent(); q = c.next()) {
            asked.add(q.get().id());
            switch (q.get().id()) {
                case "user.locked" -> c.answer("user.locked", "no");
                case "device.clockSkewSeconds" -> c.answer("device.clockSkewSeconds", "-900");
                default -> c.answer(q.get().id(), "unknown");
            }
        }
        assertThat(asked).contains("user.locked", "user.state", "device.clockSkewSeconds", "access.resourceRuleAllowsUser")
                .doesNotContain("activationEmail.inSpamFolder", "passwordPolicy.newPasswordInHistory");
        assertThat(c.diagnosis().problems().get(0).causes()).containsExactly("CLOCK_DRIFT");
    }

    @Test
    void aWrongAnswerIsRefusedNamingTheQuestion() {
        Consultation c = Consultation.start(DOCTOR, "c2", "TOKEN_NOT_WORKING", null);
        assertThatThrownBy(() -> c.answer("user.state", "ENABLED")).hasMessageContaining("user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE");
        assertThatThrownBy(() -> c.answer("device.clockSkewSeconds", "a lot")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> Consultation.start(DOCTOR, "c3", "BROKEN", null)).hasMessageContaining("symptom");
    }

    @Test
    void theCommandLineRunsFromAFileOfAnswers(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path answers = dir.resolve("answers.txt");
        Files.writeString(answers, "symptom: TOKEN_NOT_WORKING\nuser.locked: yes\n");
        BatchCommandTest.Run r = run("", "consult", "--answers", answers.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Problem: The token does not work when the user authenticates (cause: USER_LOCKED)")
                .contains("1. SUPER_ADMINISTRATOR: Unlock the user's account").contains("Escalation: SUPER_ADMINISTRATOR, IMMEDIATE, due now.");
    }

    @Test
    void aSymptomIsTakenInWordsWhateverTheCaseSpacingOrUnderscores() {
        assertThat(Consultation.start(DOCTOR, "w1", "token not working", null).diagnosis().problemIds()).containsExactly("token-not-working");
        assertThat(Consultation.start(DOCTOR, "w2", " Activation_Email-not  received ", null).diagnosis().problemIds())
                .containsExactly("activation-email-not-received");
        assertThat(Consultation.symptomOf("new password rejected")).contains("NEW_PASSWORD_REJECTED");
        assertThat(Consultation.symptomOf("my token broke")).isEmpty();
    }

    @Test
    void theSymptomsAreTheContractsWholeListTheExtendedPacksOwnIncluded() {
        assertThat(Consultation.SYMPTOMS).contains("ST_APP_PIN_LOCKED", "OTP_NOT_OFFERED", "GRID_NOT_ACCEPTED", "CANNOT_LOG_IN")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(dev.authdoctor.incident.Symptom.values()).map(Enum::name).toList());
        try (Troubleshooter extended = Troubleshooter.builder().addPack(Path.of("packs/idaas-extended")).build()) {
            assertThat(Consultation.start(extended, "w3", "st app pin locked", null).diagnosis().problemIds()).contains("st-app-pin-locked");
        }
    }

    @Test
    void aDescriptionAloneIsHeardAsTextAndReachesItsProblem() {
        Consultation c = Consultation.start(DOCTOR, "d1", null, null, "The activation email never arrived in my inbox");
        Diagnosis.Problem p = c.diagnosis().problems().get(0);
        assertThat(p.id()).isEqualTo("activation-email-not-received");
        assertThat(p.text()).as("heard in the words (evidence TEXT)").isNotNull();
        assertThat(p.text().field()).isEqualTo("description");
        // the same words told later, after a start with nothing, reach it too
        Consultation later = Consultation.start(DOCTOR, "d2", null, null);
        assertThat(later.inPlay()).isFalse();
        assertThat(later.tell("The activation email never arrived in my inbox").diagnosis().problemIds())
                .containsExactly("activation-email-not-received");
        assertThat(later.tell("token not working").incident().symptom()).isEqualTo(Symptom.TOKEN_NOT_WORKING);
    }

    @Test
    void whereInvalidResponseWasSeenIsAskedAndDecidesRowSix() {
        Consultation inWindow = Consultation.start(DOCTOR, "s1", null, "Invalid Response.");
        assertThat(inWindow.next().map(Consultation.Question::id)).contains("error.source");
        assertThat(inWindow.answer("error.source", "reset_token_window").diagnosis().problemIds()).containsExactly("reset-token-invalid-response");

        Consultation atLogin = Consultation.start(DOCTOR, "s2", null, "Invalid Response.");
        assertThat(atLogin.next().map(Consultation.Question::id)).contains("error.source");
        atLogin.answer("error.source", "USER_PORTAL");
        assertThat(atLogin.diagnosis().problemIds()).doesNotContain("reset-token-invalid-response");
        assertThat(atLogin.diagnosis().steps()).noneMatch(s -> s.problemId().equals("reset-token-invalid-response"));
        // without a message, where it was seen means nothing: never asked
        Consultation noMessage = Consultation.start(DOCTOR, "s3", "TOKEN_NOT_WORKING", null);
        for (Optional<Consultation.Question> q = noMessage.next(); q.isPresent(); q = noMessage.next()) {
            assertThat(q.get().id()).isNotEqualTo("error.source");
            noMessage.unknown(q.get().id());
        }
    }

    @Test
    void withNothingInPlayNoFactQuestionIsAskedAndItSaysSo() {
        for (Consultation c : List.of(
                Consultation.start(DOCTOR, "n1", null, null, "The printer on the third floor keeps jamming"),
                Consultation.start(DOCTOR, "n2", null, null),
                Consultation.start(DOCTOR, "n3", "OTHER", null, "my VPN drops every hour"))) {
            assertThat(c.next()).as("a question with nothing in play").isEmpty();
            assertThat(c.inPlay()).isFalse();
            assertThat(c.remaining()).isZero();
        }
    }

    @Test
    void aSymptomNoLoadedRuleUsesIsNoLeadAndAsksNothing() {
        // ST_APP_PIN_LOCKED is the extended pack's; the built-in pack alone knows nothing of it
        Consultation c = Consultation.start(DOCTOR, "s1", "ST_APP_PIN_LOCKED", null);
        assertThat(c.symptomUnknownToRules()).isTrue();
        assertThat(c.next()).as("a question for a symptom no rule uses").isEmpty();
        assertThat(c.inPlay()).isFalse();
        // a symptom the rules use is a lead
        Consultation used = Consultation.start(DOCTOR, "s2", "TOKEN_NOT_WORKING", null);
        assertThat(used.symptomUnknownToRules()).isFalse();
        assertThat(used.next()).isPresent();
    }

    @Test
    void whetherTheUserHasAnyAuthenticatorIsStillAskedAfterAnUnknownAuthenticatorAnswer() {
        Consultation c = Consultation.start(DOCTOR, "a1", "CANNOT_LOG_IN", null);
        c.unknown("authenticator.type");
        c.answer("user.role", "ADMINISTRATOR");
        List<String> asked = new java.util.ArrayList<>();
        for (Optional<Consultation.Question> q = c.next(); q.isPresent(); q = c.next()) {
            asked.add(q.get().id());
            c.answer(q.get().id(), q.get().id().equals("authenticators.none") ? "yes" : "unknown");
        }
        assertThat(asked).contains("authenticators.none");
        assertThat(c.diagnosis().problemIds()).containsExactly("admin-only-authenticator-deleted");
        // a described authenticator still means there is one: not asked then
        Consultation known = Consultation.start(DOCTOR, "a2", "CANNOT_LOG_IN", null);
        known.answer("authenticator.type", "GRID");
        known.answer("user.role", "ADMINISTRATOR");
        for (Optional<Consultation.Question> q = known.next(); q.isPresent(); q = known.next()) {
            assertThat(q.get().id()).isNotEqualTo("authenticators.none");
            known.unknown(q.get().id());
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("examples")
    void theCountOfQuestionsLeftNeverGoesUpIsHonestAndEndsAtZero(String line) {
        Incident full = incident(line);
        for (boolean knowing : List.of(true, false)) {
            Consultation c = Consultation.start(DOCTOR, full.id(), full.symptom() == null ? null : full.symptom().name(),
                    full.error() == null ? null : full.error().message());
            List<Integer> counts = new java.util.ArrayList<>();
            for (Optional<Consultation.Question> q = c.next(); q.isPresent(); q = c.next()) {
                counts.add(c.remaining());
                c.answer(q.get().id(), knowing ? answerFrom(full, q.get().id()) : "unknown");
            }
            assertThat(c.remaining()).isZero();
            for (int i = 0; i < counts.size(); i++) {
                assertThat(counts.get(i)).as("questions left at question %d of %s", i + 1, counts)
                        .isGreaterThanOrEqualTo(counts.size() - i) // at most: never fewer than were then asked
                        .isLessThanOrEqualTo(i == 0 ? Consultation.QUESTIONS.size() : counts.get(i - 1) - 1);
            }
        }
    }

    @Test
    void theAnswersGatheredAndThoseLeftUnknownAreKeptInOrder() {
        Consultation c = Consultation.start(DOCTOR, "f1", "TOKEN_NOT_WORKING", null);
        c.answer("user.locked", "no").unknown("user.state").answer("device.clockSkewSeconds", "-900").answer("access.resourceRuleAllowsUser", "");
        assertThat(c.answers()).containsExactly(java.util.Map.entry("user.locked", "no"), java.util.Map.entry("user.state", "unknown"),
                java.util.Map.entry("device.clockSkewSeconds", "-900"), java.util.Map.entry("access.resourceRuleAllowsUser", "unknown"));
        assertThat(c.unknowns()).containsExactly("user.state", "access.resourceRuleAllowsUser");
        assertThatThrownBy(() -> c.unknown("user.lockd")).hasMessageContaining("user.lockd");
    }

    /**
     * Whether two answers to the question give different diagnoses of the problems in play, on their own or
     * once one other question is answered too.
     */
    static boolean couldChange(Consultation c, Consultation.Question q) {
        if (differs(c, q, null, null)) {
            return true;
        }
        for (Consultation.Question other : Consultation.QUESTIONS) {
            if (!other.id().equals(q.id()) && !c.asked().contains(other.id())) {
                for (String option : other.options()) {
                    if (differs(c, q, other.id(), option)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean differs(Consultation c, Consultation.Question q, String givenQuestion, String givenAnswer) {
        Set<String> focus = new HashSet<>(c.diagnosis().problemIds());
        Set<String> seen = new HashSet<>();
        for (String option : q.options()) {
            Consultation trial = Consultation.start(DOCTOR, "trial", facts(c).path("symptom").asString(null),
                    facts(c).path("error").path("message").asString(null));
            // replay what was answered, then this option
            for (String asked : c.asked()) {
                String v = valueOf(c, asked);
                if (v != null) {
                    trial.answer(asked, v);
                }
            }
            if (givenQuestion != null) {
                try {
                    trial.answer(givenQuestion, givenAnswer);
                } catch (IllegalArgumentException e) {
                    return false; // cannot be answered here (error.source without a message)
                }
            }
            trial.answer(q.id(), option);
            Diagnosis d = trial.diagnosis();
            if (focus.isEmpty() || focus.containsAll(d.problemIds())) {
                seen.add(Consultation.signature(d, focus));
            }
        }
        return seen.size() > 1;
    }

    /** The facts gathered, as the contract's JSON: questions are named by its field paths. */
    static JsonNode facts(Consultation c) {
        return JsonMapper.shared().readTree(c.incidentJson());
    }

    static String valueOf(Consultation c, String question) {
        var facts = facts(c);
        if (question.equals("authenticators.none")) {
            return facts.path("authenticators").isArray() && facts.path("authenticators").isEmpty() ? "yes" : null;
        }
        String[] p = question.split("\\.");
        var node = p.length == 1 ? facts.path(p[0])
                : p[0].equals("authenticator") ? facts.path("authenticators").path(0).path(p[1]) : facts.path(p[0]).path(p[1]);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isBoolean() ? (node.asBoolean() ? "yes" : "no") : node.asString();
    }

    /** The full incident's answer to a question, as a person who knows it would give it; "unknown" when it does not say. */
    static String answerFrom(Incident full, String question) {
        if (question.equals("authenticators.none")) {
            return full.authenticators() == null ? "unknown" : full.authenticators().isEmpty() ? "yes" : "no";
        }
        if (question.equals("remediationAttempts")) {
            return full.remediationAttempts() == null ? "unknown" : full.remediationAttempts().toString();
        }
        String[] p = question.split("\\.");
        Object parent;
        if (p[0].equals("authenticator")) {
            List<AuthenticatorFacts> list = full.authenticators();
            parent = list == null || list.isEmpty() ? null : list.get(0);
        } else {
            parent = component(full, p[0]);
        }
        Object v = parent == null ? null : component(parent, p[1]);
        if (v == null) {
            return "unknown";
        }
        return v instanceof Boolean b ? (b ? "yes" : "no") : v.toString();
    }

    static Object component(Object part, String name) {
        List<Map.Entry<String, Object>> fields = SupportTicket.fields(part);
        for (Map.Entry<String, Object> f : fields == null ? List.<Map.Entry<String, Object>>of() : fields) {
            if (f.getKey().equals(name)) {
                return f.getValue();
            }
        }
        return null;
    }
}
