package dev.authdoctor.rules;

import dev.authdoctor.Doctor;
import dev.authdoctor.api.Actor;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.authdoctor.Doctor.causes;
import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 9: the token does not work. The facts name the cause; without them, the table's five checks. */
class Row09TokenNotWorkingTest {

    static final String ID = "token-not-working";

    static Diagnosis tokenNotWorking(String moreFacts) {
        return diagnose("{\"id\":\"r9\",\"symptom\":\"TOKEN_NOT_WORKING\"" + (moreFacts.isEmpty() ? "" : "," + moreFacts) + "}");
    }

    @Test
    void withNoFactsAllFiveChecksComeInTheTablesOrderThenSupport() {
        Diagnosis d = tokenNotWorking("");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(causes(d)).isEmpty();
        assertThat(plan(d)).containsExactly(
                "ADMINISTRATOR " + ID + "/check-active",
                "ADMINISTRATOR " + ID + "/check-assigned",
                "ADMINISTRATOR " + ID + "/check-resource-rule",
                "ADMINISTRATOR " + ID + "/check-locked",
                "USER " + ID + "/check-clock",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.steps().get(3).text()).contains("Super Administrator").contains("support@entrust.com");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
        assertThat(d.escalation().contact()).isEqualTo("support@entrust.com");
    }

    @Test
    void checksTheFactsAlreadyRuleOutAreLeftOutAndTheReplacementRemains() {
        Diagnosis d = tokenNotWorking("""
                "user":{"state":"ACTIVE","locked":false},
                "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE"}],
                "access":{"resourceRuleAllowsUser":true},"device":{"clockSkewSeconds":12}""");
        assertThat(causes(d)).isEmpty();
        assertThat(plan(d)).containsExactly(
                "ADMINISTRATOR " + ID + "/replace-authenticator",
                "SUPPORT " + ID + "/contact-support");
    }

    @Nested
    class EachCauseIsNamedFromItsFacts {

        @Test
        void anInactiveUser() {
            Diagnosis d = tokenNotWorking("\"user\":{\"state\":\"INACTIVE\"}");
            assertThat(causes(d)).containsExactly("USER_INACTIVE");
            assertThat(plan(d)).containsExactly(
                    "ADMINISTRATOR " + ID + "/activate-user",
                    "SUPPORT " + ID + "/contact-support");
            assertThat(d.problems().get(0).rules()).contains("row09-cause-user-inactive");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NEW", "ACTIVATING", "INACTIVE", "UNASSIGNED"})
        void anEntrustSoftTokenThatIsNotActive(String state) {
            Diagnosis d = tokenNotWorking("""
                    "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"%s","name":"Work phone"}]""".formatted(state));
            assertThat(causes(d)).containsExactly("AUTHENTICATOR_INACTIVE");
            assertThat(d.steps().get(0).text()).contains(state).contains("Work phone");
        }

        @Test
        void aGoogleAuthenticatorTokenStillActivatingWorksSoItIsNotTheCause() {
            Diagnosis d = tokenNotWorking("""
                    "user":{"state":"ACTIVE"},"authenticators":[{"type":"GOOGLE_AUTHENTICATOR","state":"ACTIVATING"}]""");
            assertThat(causes(d)).isEmpty();
            assertThat(plan(d)).as("user and token both known to work: nothing to check there")
                    .doesNotContain("ADMINISTRATOR " + ID + "/check-active");
        }

        @Test
        void theTokenMarkedInUseDecidesAmongSeveral() {
            Diagnosis d = tokenNotWorking("""
                    "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE"},
                                      {"type":"GOOGLE_AUTHENTICATOR","state":"INACTIVE","inUse":true}]""");
            assertThat(causes(d)).containsExactly("AUTHENTICATOR_INACTIVE");
        }

        @Test
        void amongSeveralUnmarkedTokensOneUsableTokenMeansNoCause() {
            Diagnosis d = tokenNotWorking("""
                    "authenticators":[{"type":"ENTRUST_SOFT_TOKEN","state":"ACTIVE"},{"type":"GOOGLE_AUTHENTICATOR","state":"INACTIVE"}]""");
            assertThat(causes(d)).isEmpty();
        }

        @Test
        void amongSeveralUnmarkedTokensNoneUsableIsTheCause() {
            Diagnosis d = tokenNotWorking("""
                    "authenticators":[{"type":"PASSWORD","state":"ACTIVE"},{"type":"ENTRUST_SOFT_TOKEN","state":"INACTIVE"},
                                      {"type":"OATH_PHYSICAL_TOKEN","state":"NEW"}]""");
            assertThat(causes(d)).containsExactly("AUTHENTICATOR_INACTIVE");
        }

        @Test
        void noAuthenticatorAtAll() {
            Diagnosis d = tokenNotWorking("\"authenticators\":[]");
            assertThat(causes(d)).containsExactly("NO_AUTHENTICATOR");
            assertThat(plan(d)).startsWith("ADMINISTRATOR " + ID + "/assign-authenticator");
        }

        @Test
        void aResourceRuleThatDeniesTheUser() {
            Diagnosis d = tokenNotWorking("\"access\":{\"resourceRuleAllowsUser\":false}");
            assertThat(causes(d)).containsExactly("RESOURCE_RULE_DENIES");
            assertThat(plan(d)).startsWith("ADMINISTRATOR " + ID + "/reconfigure-resource-rule");
        }

        @Test
        void aLockedUserGoesToASuperAdministratorAtOnceAndToSupportOnlyIfThatFails() {
            Diagnosis d = tokenNotWorking("\"user\":{\"locked\":true}");
            assertThat(causes(d)).containsExactly("USER_LOCKED");
            assertThat(plan(d)).containsExactly(
                    "SUPER_ADMINISTRATOR " + ID + "/unlock-user",
                    "SUPPORT " + ID + "/locked-contact-support");
            assertThat(d.escalation()).isEqualTo(new Diagnosis.Escalation("SUPER_ADMINISTRATOR",
                    EscalationCondition.IMMEDIATE, true, d.escalation().reason()));
        }

        @ParameterizedTest(name = "skew {0} s with {1} s x {2} steps: drift = {3}")
        @CsvSource({
                "301, , , true",
                "300, , , false",
                "-420, , , true",
                "-300, , , false",
                "500, 60, 10, false",
                "601, 60, 10, true",
                "91, 30, 3, true"})
        void aClockOffByMoreThanTheTimeStepTimesTheMaximumSteps(int skew, Integer step, Integer steps, boolean drift) {
            String settings = step == null ? "" : ",\"settings\":{\"tokenTimeStepSeconds\":%d,\"maxTimeSteps\":%d}".formatted(step, steps);
            Diagnosis d = tokenNotWorking("\"device\":{\"clockSkewSeconds\":%d}%s".formatted(skew, settings));
            if (drift) {
                assertThat(causes(d)).containsExactly("CLOCK_DRIFT");
                assertThat(plan(d)).startsWith("USER " + ID + "/sync-clock", "ADMINISTRATOR " + ID + "/replace-authenticator");
                assertThat(d.steps().get(0).text()).contains(Math.abs(skew) + " s");
            } else {
                assertThat(causes(d)).isEmpty();
                assertThat(plan(d)).contains("ADMINISTRATOR " + ID + "/replace-authenticator")
                        .doesNotContain("USER " + ID + "/check-clock");
            }
        }
    }

    /**
     * The contract's extremes (ten years either way; built in Java, as an embedder would) still drift, and the
     * step says by how much. Beyond them, building the incident fails as reading it does (IncidentBuilderTest).
     */
    @ParameterizedTest
    @ValueSource(ints = {-315576000, 315576000})
    void theExtremesOfTheSkewStillDrift(int skew) {
        Diagnosis d = Doctor.DOCTOR.diagnose(Incident.builder("extreme").symptom(Symptom.TOKEN_NOT_WORKING)
                .device(dv -> dv.clockSkewSeconds(skew)).build());
        assertThat(causes(d)).containsExactly("CLOCK_DRIFT");
        assertThat(d.steps().get(0).text()).contains("off by " + Math.abs((long) skew) + " s");
    }

    @Test
    void severalCausesComeInTheTablesOrderAndTheMostUrgentEscalationWins() {
        Diagnosis d = tokenNotWorking("""
                "device":{"clockSkewSeconds":900},"access":{"resourceRuleAllowsUser":false},
                "user":{"state":"INACTIVE","locked":true},"authenticators":[]""");
        assertThat(causes(d)).containsExactly("USER_INACTIVE", "NO_AUTHENTICATOR", "RESOURCE_RULE_DENIES", "USER_LOCKED", "CLOCK_DRIFT");
        assertThat(plan(d)).doesNotContain("ADMINISTRATOR " + ID + "/check-active", "SUPPORT " + ID + "/contact-support");
        assertThat(d.steps()).last().satisfies(s -> assertThat(s.actor()).isEqualTo(Actor.SUPPORT));
        assertThat(d.escalation().contact()).isEqualTo("SUPER_ADMINISTRATOR");
    }

    @Test
    void aCauseWithoutTheSymptomIsNotADiagnosis() {
        Diagnosis d = diagnose("{\"id\":\"r9\",\"user\":{\"state\":\"INACTIVE\"}}");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }
}
