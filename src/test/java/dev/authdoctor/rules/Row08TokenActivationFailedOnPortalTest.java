package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 8: the token cannot be activated on the user portal; its step 2 reuses row 3's solution. */
class Row08TokenActivationFailedOnPortalTest {

    static final String ID = "token-activation-failed-on-portal";
    static final String ROW3 = "st-activation-code-expired";

    @Test
    void withExpiryUnknownThePlanChecksTheActivationTypeThenFollowsRowThreesSolution() {
        Diagnosis d = diagnose("""
                {"id":"r8","symptom":"TOKEN_ACTIVATION_FAILED"}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/confirm-activation-type",
                "USER " + ID + "/maybe-expired",
                "USER " + ROW3 + "/press-ok",
                "ADMINISTRATOR " + ROW3 + "/reactivate",
                "USER " + ROW3 + "/delete-failed-authenticator",
                "USER " + ROW3 + "/activate-again");
        assertThat(d.steps()).allSatisfy(s -> assertThat(s.problemId()).isEqualTo(ID));
        assertThat(d.escalation()).as("the table gives row 8 no escalation").isNull();
    }

    @Test
    void theReusedStepsAreRowThreesOwnWordsNotACopy() throws Exception {
        Diagnosis row3 = diagnose("""
                {"id":"r3","error":{"message":"The soft token could not be activated because the activation code has expired."}}""");
        Diagnosis row8 = diagnose("""
                {"id":"r8","symptom":"TOKEN_ACTIVATION_FAILED"}""");
        var row3Texts = row3.steps().stream().filter(s -> s.id().startsWith(ROW3 + "/reactivate")).map(Diagnosis.Step::text).toList();
        var row8Texts = row8.steps().stream().filter(s -> s.id().startsWith(ROW3 + "/reactivate")).map(Diagnosis.Step::text).toList();
        assertThat(row8Texts).isEqualTo(row3Texts).hasSize(1);
        String row8Drl = Files.readString(Path.of("rules/row-08-token-activation-failed-on-portal.drl"));
        assertThat(row8Drl).as("row 8 asks for row 3's solution instead of repeating its steps")
                .contains("SolutionNeeded(\"" + ROW3 + "\"").doesNotContain("Reactivate");
    }

    @Test
    void anActivationKnownToBeStillValidLeavesOnlyTheActivationTypeCheck() {
        Diagnosis d = diagnose("""
                {"id":"r8","symptom":"TOKEN_ACTIVATION_FAILED","reportedAt":"2026-11-28T10:00:00Z",
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","platform":"BLACKBERRY",
                                    "activationExpiresAt":"2026-11-28T10:04:00Z"}]}""");
        assertThat(plan(d)).containsExactly("USER " + ID + "/confirm-activation-type");
    }

    @Test
    void anActivationKnownToHaveExpiredPutsRowThreeFirstAndMergesTheSharedSteps() {
        Diagnosis d = diagnose("""
                {"id":"r8","symptom":"TOKEN_ACTIVATION_FAILED","reportedAt":"2026-11-28T10:00:00Z","remediationAttempts":2,
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVATING","activationExpiresAt":"2026-11-28T09:00:00Z"}]}""");
        assertThat(d.problemIds()).containsExactly(ROW3, ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ROW3 + "/press-ok",
                "ADMINISTRATOR " + ROW3 + "/reactivate",
                "USER " + ROW3 + "/delete-failed-authenticator",
                "USER " + ROW3 + "/activate-again",
                "USER " + ID + "/confirm-activation-type",
                "SUPPORT " + ROW3 + "/contact-support");
        assertThat(d.steps()).extracting(Diagnosis.Step::order).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.AFTER_SECOND_ATTEMPT);
        assertThat(d.escalation().now()).isTrue();
    }
}
