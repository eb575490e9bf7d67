package dev.authdoctor.api;

import org.junit.jupiter.api.Test;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.incident;
import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** why-not of a problem the ticket's words did not make: the closest wording, the words missing, and what stood in the way. */
class WhyNotTextTest {

    @Test
    void anOffTopicTicketNamesTheVetoingMarker() {
        WhyNotReport r = DOCTOR.whyNot("token-not-working", incident(
                "{\"id\":\"n1\",\"description\":\"My VPN token is not working and I cannot log in from home\"}"));
        assertThat(r.diagnosed()).isFalse();
        assertThat(r.text().vetoedBy()).isEqualTo("vpn");
        assertThat(r.text().lines()).anySatisfy(l -> assertThat(l).startsWith("ruled out by the pack's marker \"vpn\""));
    }

    @Test
    void aWeakTicketListsTheMissingWordsAndTheThresholdNeeded() {
        WhyNotReport r = DOCTOR.whyNot("st-activation-code-expired", incident("{\"id\":\"n2\",\"description\":\"activation code problem\"}"));
        assertThat(r.diagnosed()).isFalse();
        WhyNotReport.TextResult t = r.text();
        assertThat(t.best().phrase()).isEqualTo("activation code expired");
        assertThat(t.best().where()).matches("authdoctor-builtin/phrases/row-03-st-activation-code-expired\\.yaml:\\d+");
        assertThat(t.best().present()).extracting(WhyNotReport.Term::written).containsExactly("activation", "code");
        assertThat(t.best().missing()).containsExactly("expired");
        assertThat(t.score()).isLessThan(t.thresholds().minimum());
        assertThat(t.lines()).contains("words it lacks: \"expired\"", "score " + t.score() + ": below minimum 0.6 (confident is 0.75)");
    }

    @Test
    void aCandidateTheFactsContradictNamesTheFact() {
        WhyNotReport r = DOCTOR.whyNot("st-unlock-blocked-account-and-app-locked", incident("""
                {"id":"n3","description":"My Entrust app is locked and my IDaaS account is locked too, so the unlock cannot be completed",
                 "user":{"locked":false}}"""));
        assertThat(r.diagnosed()).isFalse();
        assertThat(r.text().score()).isGreaterThanOrEqualTo(r.text().thresholds().confident());
        assertThat(r.text().contradictedBy()).isEqualTo("user.locked = false");
        assertThat(r.text().lines()).contains("contradicted by the facts: user.locked = false, whatever the words say");
    }

    @Test
    void theCandidateThatWonIsNamedWithItsLead() {
        WhyNotReport r = DOCTOR.whyNot("token-activation-failed-on-portal", incident(
                "{\"id\":\"n4\",\"description\":\"soft token activation failed, code expired\"}"));
        assertThat(r.diagnosed()).isFalse();
        assertThat(r.text().winners()).singleElement().satisfies(w -> {
            assertThat(w.problemId()).isEqualTo("st-activation-code-expired");
            assertThat(w.ahead()).isGreaterThan(r.text().thresholds().margin());
            assertThat(w.score() - r.text().score()).isCloseTo(w.ahead(), org.assertj.core.data.Offset.offset(0.0011));
        });
        assertThat(r.text().lines()).anySatisfy(l -> assertThat(l).startsWith("st-activation-code-expired was heard instead, at "));
    }

    @Test
    void firmerEvidenceIsNamedAndATicketWithoutWordsHasNoTextSection() {
        WhyNotReport r = DOCTOR.whyNot("token-not-working", incident(
                "{\"id\":\"n5\",\"description\":\"token not working\",\"symptom\":\"ACTIVATION_EMAIL_NOT_RECEIVED\"}"));
        assertThat(r.text().firmer()).isEqualTo("activation-email-not-received (from symptom)");
        assertThat(DOCTOR.whyNot("token-not-working", incident("{\"id\":\"n6\",\"symptom\":\"CANNOT_LOG_IN\"}")).text()).isNull();
    }

    @Test
    void theCommandLineSaysItInWords() {
        var out = run("{\"id\":\"n7\",\"description\":\"activation code problem\"}\n", "why-not", "st-activation-code-expired", "-");
        assertThat(out.exit()).isZero();
        assertThat(out.out()).contains("In the ticket's words:",
                "  closest declared wording: the pack's phrase (en) \"activation code expired\" at authdoctor-builtin/phrases/",
                "  words the ticket holds: \"activation\", \"code\"", "  words it lacks: \"expired\"");
    }
}
