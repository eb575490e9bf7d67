package dev.authdoctor.cli;

import dev.authdoctor.api.Consultation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code authdoctor consult} as a help-desk agent uses it: in the terminal, or from a file of answers. */
class ConsultCommandTest {

    @Test
    void aMisspeltAnswerIdIsAnErrorNamingItAndTheNearestId(@TempDir Path dir) throws Exception {
        Path answers = dir.resolve("answers.txt");
        Files.writeString(answers, "symptom: TOKEN_NOT_WORKING\n# checked in the portal\nuser.lockd: yes\n");
        BatchCommandTest.Run r = run("", "consult", "--answers", answers.toString());
        assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("line 3").contains("'user.lockd'").contains("did you mean user.locked?");
        assertThat(r.out()).doesNotContain("Plan:");
    }

    @Test
    void answersAreReadFromStandardInputWithADash() {
        BatchCommandTest.Run r = run("symptom: token not working\nuser.locked: yes\n", "consult", "--answers", "-");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Problem: The token does not work when the user authenticates (cause: USER_LOCKED)");
    }

    @Test
    void theHelpListsEveryAnswerIdWithItsOptions() {
        BatchCommandTest.Run r = run("", "consult", "--help");
        assertThat(r.exit()).isZero();
        for (Consultation.Question q : Consultation.QUESTIONS) {
            assertThat(r.out()).contains("  " + q.id() + ": ").contains(q.options());
        }
        assertThat(r.out()).contains("  message: ", "  description: ", "ST_APP_PIN_LOCKED", "OTP_NOT_OFFERED", "RESET_TOKEN_WINDOW");
    }

    @Test
    void aDescriptionStartsItAndTheEndListsWhatWasGatheredAndLeftUnknownBeforeThePlan() {
        // every question answered "unknown" but one
        BatchCommandTest.Run r = run("no\n\n\n\n\n\n\n\n", "consult", "--description", "activation email never arrived, checked twice");
        assertThat(r.exit()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("'unknown'").contains("Question 1, at most ");
        assertThat(out).contains("Problem: The user did not receive the token activation e-mail");
        assertThat(out).contains("Reported: a description in the user's words.");
        assertThat(out.indexOf("Facts gathered: ")).isLessThan(out.indexOf("Plan:"));
        assertThat(out.indexOf("Left unknown: ")).isLessThan(out.indexOf("Plan:"));
        assertThat(out).containsPattern("Facts gathered: [a-zA-Z.]+ = no\\.");
    }

    @Test
    void withNothingInPlayItSaysSoAndAsksWhatHappenedInsteadOfFactQuestions() {
        // message: none; what happened: off topic; asked again: a symptom in words; then unknown to all
        BatchCommandTest.Run r = run("\nthe printer on floor 3 is jammed\ntoken not working\n\n\n\n\n\n\n\n", "consult");
        assertThat(r.exit()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("Nothing reported points to a problem the rules know");
        assertThat(out).doesNotContain("spam folder?").doesNotContain("password history)?");
        int asksAgain = out.indexOf("What happened?", out.indexOf("Nothing reported"));
        assertThat(asksAgain).isPositive();
        assertThat(out.indexOf("Question 1, at most")).isGreaterThan(asksAgain);
        assertThat(out).contains("Problem: The token does not work when the user authenticates");
    }

    @Test
    void invalidResponseAtLoginIsAskedWhereItWasSeenAndIsNotRowSix(@TempDir Path dir) throws Exception {
        Path answers = dir.resolve("a.txt");
        Files.writeString(answers, "message: Invalid Response.\nerror.source: USER_PORTAL\n");
        BatchCommandTest.Run r = run("", "consult", "--answers", answers.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Where was the message seen?").doesNotContain("Reset token window")
                .contains("Facts gathered: error.source = USER_PORTAL.");
    }
}
