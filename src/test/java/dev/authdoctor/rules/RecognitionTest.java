package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static dev.authdoctor.Doctor.diagnose;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer 1: error texts as people copy them. Every variant of a row's message must give that row's
 * problem and no other row's.
 */
class RecognitionTest {

    /** The products' own messages, by problem id, as the seed table gives them. */
    static final Map<String, String> MESSAGES = Map.of(
            "st-activation-code-expired", "The soft token could not be activated because the activation code has expired. Return to your Identity Provider and attempt the action again.",
            "st-identity-name-exists", "An identity with the specified name already exists.",
            "ga-invalid-key", "Invalid key - The key sequence of numbers and letters is invalid.",
            "reset-token-invalid-response", "Invalid Response.",
            "msc-certificate-validation-error", "Certificate validation error communicating to https://acme.us.trustedauth.com/smartcredential. Contact your Identity Provider.",
            "msc-registration-password-expired", "Failed to activate your identity. Registration password has expired or is invalid. Return to Self-Service and request smart credential activation again.",
            "msc-password-incorrect-or-link-corrupted", "The password entered is incorrect or the link is corrupted. Try again.");

    static Stream<Arguments> variants() {
        List<Arguments> all = new ArrayList<>();
        MESSAGES.forEach((problem, message) -> {
            for (Map.Entry<String, String> v : variantsOf(message).entrySet()) {
                all.add(Arguments.of(problem, v.getKey(), v.getValue()));
            }
        });
        return all.stream();
    }

    static Map<String, String> variantsOf(String m) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("as the seed gives it", m);
        v.put("upper case", m.toUpperCase(Locale.ROOT));
        v.put("lower case", m.toLowerCase(Locale.ROOT));
        v.put("extra spaces and line breaks", m.replace(" ", "  \n ").replace(". ", ".\r\n\r\n"));
        v.put("straight quotes", "\"" + m + "\"");
        v.put("curly quotes", "\u201C" + m + "\u201D");
        v.put("no final period", m.endsWith(".") ? m.substring(0, m.length() - 1) : m);
        v.put("Error: prefix", "Error: " + m);
        v.put("ERROR - prefix with quotes", "ERROR - '" + m + "'");
        v.put("tabs", m.replace(" ", "\t"));
        int firstStop = m.indexOf(". ");
        if (firstStop > 0) {
            v.put("cut after the first sentence", m.substring(0, firstStop + 1));
            v.put("cut after the first sentence, no period", m.substring(0, firstStop));
        }
        String[] words = m.split(" ");
        if (words.length >= 8) {
            // one word mistyped: small wording differences are tolerated in long messages
            words[words.length / 2] = words[words.length / 2] + "x";
            v.put("one word mistyped", String.join(" ", words));
        }
        return v;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("variants")
    void everyVariantIsItsOwnRowAndNoOther(String problem, String variant, String text) {
        Diagnosis d = diagnose(errorIncident(text));
        assertThat(d.problemIds()).as("\"%s\"", text).containsExactly(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Certificate validation error communicating to idaas.example.com. Contact your Identity Provider.",
            "Certificate validation error communicating to https://10.0.0.5:8443/igst/ws?x=1&y=2",
            "Certificate validation error communicating to <URL>. Contact your Identity Provider."})
    void anyAddressStandsWhereTheTableSaysUrl(String text) {
        assertThat(diagnose(errorIncident(text)).problemIds()).containsExactly("msc-certificate-validation-error");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Your response was invalid. Please try again",
            "Invalid password",
            "Invalid",
            "The soft token could not be activated",
            "Failed to activate",
            "The password is incorrect",
            "An identity already exists",
            "Return to your Identity Provider and attempt the action again.",
            "Try again.",
            "The key sequence is invalid",
            "Invalid Response from the server, code 500",
            "Something went wrong",
            ""})
    void textsThatAreNotATableMessageAreNotRecognised(String text) {
        assertThat(diagnose(errorIncident(text)).outcome()).as("\"%s\"", text).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "User says: when activating the app showed The soft token could not be activated because the activation code has expired, please help",
            "Ticket from help desk. Message on phone: 'The password entered is incorrect or the link is corrupted'. User tried twice."})
    void aLongMessageQuotedInsideATicketsDescriptionIsRecognised(String description) {
        Diagnosis d = diagnose("{\"id\":\"d\",\"description\":" + json(description) + "}");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.DIAGNOSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid key", "The key sequence is invalid", "Try again."})
    void shortOrPartialMessagesInADescriptionAreTooWeakToCount(String description) {
        Diagnosis d = diagnose("{\"id\":\"d\",\"description\":" + json(description) + "}");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
    }

    // Fragments that only one product message holds are no longer too weak: they are heard in the ticket's words
    // (evidence TEXT, with a confidence), not taken for the exact message.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Response invalid|reset-token-invalid-response",
            "Certificate validation error|msc-certificate-validation-error",
            "Registration password has expired or is invalid.|msc-registration-password-expired"})
    void aDistinctiveFragmentOfAMessageIsHeardAsText(String text, String problem) {
        Diagnosis d = diagnose(errorIncident(text));
        assertThat(d.problemIds()).containsExactly(problem);
        assertThat(d.problems().get(0).text()).as("text evidence").isNotNull();
        assertThat(d.problems().get(0).text().confidence()).isBetween(0.75, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"The reset said Invalid Response.", "Certificate validation error communicating to x"})
    void aDistinctiveFragmentInADescriptionIsHeardAsText(String description) {
        Diagnosis d = diagnose("{\"id\":\"d\",\"description\":" + json(description) + "}");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.DIAGNOSED);
        assertThat(d.problems().get(0).text()).isNotNull();
    }

    static String errorIncident(String message) {
        return "{\"id\":\"m\",\"error\":{\"message\":" + json(message) + "}}";
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
