package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 1: the Entrust ST unlock cannot be completed because the account and the app are both locked. */
class Row01StUnlockBlockedTest {

    static final String ID = "st-unlock-blocked-account-and-app-locked";

    @Test
    void aLockedUserWithALockedAppIsRecognisedFromTheFactsAlone() {
        Diagnosis d = diagnose("""
                {"id":"r1","user":{"locked":true},
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE","appLocked":true}]}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(d.problems().get(0).rules()).containsExactly("row01-facts");
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/press-unlock",
                "USER " + ID + "/reinitialize");
        assertThat(d.steps().get(1).text()).contains("Reinitialize").contains("new passcode");
        assertThat(d.escalation()).as("the table gives row 1 no escalation").isNull();
    }

    @Test
    void theReportedSymptomIsEnoughWhenNothingContradictsIt() {
        Diagnosis d = diagnose("""
                {"id":"r1","symptom":"ST_UNLOCK_CANNOT_COMPLETE"}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(d.steps()).extracting(Diagnosis.Step::order).containsExactly(1, 2);
    }

    @Test
    void aUserKnownNotToBeLockedIsNotThisProblem() {
        Diagnosis d = diagnose("""
                {"id":"r1","symptom":"ST_UNLOCK_CANNOT_COMPLETE","user":{"locked":false}}""");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }

    @Test
    void onlyTheAppBeingLockedIsNotEnough() {
        Diagnosis d = diagnose("""
                {"id":"r1","user":{"locked":false},
                 "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","appLocked":true}]}""");
        assertThat(d.problemIds()).doesNotContain(ID);
    }
}
