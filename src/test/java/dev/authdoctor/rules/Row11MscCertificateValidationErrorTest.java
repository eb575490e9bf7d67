package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.causes;
import static dev.authdoctor.Doctor.diagnose;
import static dev.authdoctor.Doctor.plan;
import static org.assertj.core.api.Assertions.assertThat;

/** Row 11: mobile smart credential, "Certificate validation error communicating to URL." */
class Row11MscCertificateValidationErrorTest {

    static final String ID = "msc-certificate-validation-error";

    @Test
    void theMessageWithARealAddressGivesTheNetworkCheckThenSupport() {
        Diagnosis d = diagnose("""
                {"id":"r11","error":{"message":"Certificate validation error communicating to https://acme.us.trustedauth.com/api/sc. Contact your Identity Provider.",
                 "source":"SMART_CREDENTIAL_APP"}}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(plan(d)).containsExactly(
                "USER " + ID + "/confirm-networks",
                "SUPPORT " + ID + "/contact-support");
        assertThat(d.escalation().condition()).isEqualTo(EscalationCondition.IF_PERSISTS);
        assertThat(causes(d)).isEmpty();
    }

    @Test
    void anAppOnAPrivateNetworkAndAnAccountOnAPublicOneIsNamedAsTheCause() {
        Diagnosis d = diagnose("""
                {"id":"r11","error":{"message":"Certificate validation error communicating to <URL>. Contact your Identity Provider."},
                 "device":{"network":"PRIVATE"},"service":{"network":"PUBLIC"}}""");
        assertThat(causes(d)).containsExactly("NETWORK_MISMATCH");
    }

    @Test
    void theSameNetworkOnBothSidesIsNoMismatch() {
        Diagnosis d = diagnose("""
                {"id":"r11","error":{"message":"Certificate validation error communicating to idaas.example.com"},
                 "device":{"network":"PUBLIC"},"service":{"network":"PUBLIC"}}""");
        assertThat(d.problemIds()).containsExactly(ID);
        assertThat(causes(d)).isEmpty();
    }
}
