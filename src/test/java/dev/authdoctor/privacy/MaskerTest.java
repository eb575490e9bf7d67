package dev.authdoctor.privacy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the masker finds in free text, and what it leaves alone. */
class MaskerTest {

    private static List<String> found(String text, Masker.Kind kind) {
        return Masker.standard().find(text, Masker.VARIABLE).stream().filter(f -> f.kind() == kind).map(Masker.Found::text).toList();
    }

    @Test
    void eMailAddressesInEveryForm() {
        String text = "from jürgen@müller.de, \"jane doe\"@acme.example and jane@[10.0.0.5]; cc Bob.Smith+it@corp.example.";
        assertThat(found(text, Masker.Kind.EMAIL))
                .containsExactly("jürgen@müller.de", "\"jane doe\"@acme.example", "jane@[10.0.0.5]", "Bob.Smith+it@corp.example");
        assertThat(Masker.maskEmail("\"jane doe\"@acme.example")).isEqualTo("j***@acme.example");
        assertThat(Masker.maskEmail("jane@[10.0.0.5]")).isEqualTo("j***@[<ip>]");
        assertThat(Masker.maskEmail("jürgen@müller.de")).isEqualTo("j***@müller.de");
    }

    @Test
    void phoneNumbersInternationalNationalAndFictional() {
        String text = "call +44 7700 900123, 07700 900123, (415) 555-0132, +1 202-555-0143, +49 170 1234567 or 0176 12345678";
        assertThat(found(text, Masker.Kind.PHONE)).containsExactly("+44 7700 900123", "07700 900123", "(415) 555-0132",
                "+1 202-555-0143", "+49 170 1234567", "0176 12345678");
    }

    @Test
    void ipAddressesButNotTimesOrVersions() {
        String text = "from 192.168.10.20 and 2001:db8::8a2e:370:7334 and fe80::1%eth0 at 10:30:00, version 1.2.3, 999.1.1.1";
        assertThat(found(text, Masker.Kind.IP)).containsExactly("192.168.10.20", "2001:db8::8a2e:370:7334", "fe80::1%eth0");
    }

    @Test
    void referencesAreNotPhoneNumbers() {
        assertThat(found("INC0010009 clock off by 420 s, 2024-05-01T10:00:00Z", Masker.Kind.PHONE)).isEmpty();
    }

    @Test
    void typedPlaceholdersGroupMessagesThatDifferOnlyInVariableParts() {
        assertThat(Masker.typed("unexpected failure 10001")).isEqualTo("unexpected failure <number>")
                .isEqualTo(Masker.typed("unexpected failure 100035"));
        assertThat(Masker.typed("user jdoe42 (jürgen@müller.de, +44 7700 900123) id 123e4567-e89b-12d3-a456-426614174000 "
                + "from 2001:db8::1 via https://idp.example/login?u=jdoe42 hash 9f86d081884c7d65"))
                .isEqualTo("user <id> (<email>, <phone>) id <uuid> from <ip> via <url> hash <hex>");
        assertThat(Masker.typed("The OTP could not be delivered")).isEqualTo("The OTP could not be delivered");
    }

    @Test
    void aNumberStandingAloneOrOpeningTheTextIsStillAPhoneNumber() {
        // the digit count that spares libphonenumber's scan must count digits, and a match at 0 has no left neighbour
        assertThat(Masker.typed("+15551234567")).isEqualTo("<phone>");
        assertThat(found("5550132 is my desk", Masker.Kind.PHONE)).containsExactly("5550132");
    }

    @Test
    void aSentencesClosingPunctuationIsNotPartOfAUrl() {
        assertThat(Masker.typed("see https://idp.example/login.")).isEqualTo("see <url>.");
        assertThat(Masker.typed("(at https://idp.example/a?b=1), then")).isEqualTo("(at <url>), then");
    }

    @Test
    void aPartOverlappingOneAlreadyFoundIsLeftOut() {
        // "5,123" reads as a number but overlaps the UUID found first; taking both would cut the text apart
        assertThat(Masker.typed("ref 5,123e4567-e89b-12d3-a456-426614174000 x")).isEqualTo("ref 5,<uuid> x");
    }

    @Test
    void anAddressWithoutALocalPartOrWithoutADomainIsMaskedToo() {
        assertThat(Masker.maskEmail("@example.com")).isEqualTo("***@example.com");
        assertThat(Masker.maskEmail("jdoe")).isEqualTo("j***");
        assertThat(Masker.typed(null)).as("no message is not an empty one").isNull();
    }
}
