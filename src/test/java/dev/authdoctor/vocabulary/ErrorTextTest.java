package dev.authdoctor.vocabulary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The message normaliser on its own, without a rule session: what a person's copy of a message may differ in. */
class ErrorTextTest {

    static final String EXPIRED = "The soft token could not be activated because the activation code has expired."
            + " Return to your Identity Provider and attempt the action again.";
    static final String EXISTS = "An identity with the specified name already exists.";
    static final String INVALID_KEY = "Invalid key - The key sequence of numbers and letters is invalid.";
    static final String INVALID_RESPONSE = "Invalid Response.";
    static final String CERTIFICATE = "Certificate validation error communicating to <URL>. Contact your Identity Provider.";

    @Test
    void wordsAreLowerCaseLettersAndDigitsOnly() {
        assertThat(ErrorText.words("Error: “Invalid   Response.”\r\n(code 42)", false))
                .containsExactly("error", "invalid", "response", "code", "42");
        assertThat(ErrorText.words(null, false)).isEmpty();
        assertThat(ErrorText.words("   ...  ", false)).isEmpty();
        assertThat(ErrorText.words("Ｉｎｖａｌｉｄ ﬁle", false)).as("NFKC folds full-width letters and ligatures")
                .containsExactly("invalid", "file");
        assertThat(ErrorText.words("Ünïcödé straße", false)).containsExactly("ünïcödé", "straße");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "An identity with the specified name already exists.",
            "an identity with the specified name already exists",
            "AN IDENTITY WITH THE SPECIFIED NAME ALREADY EXISTS!",
            "  An identity\nwith the   specified\r\nname already exists ",
            "\"An identity with the specified name already exists.\"",
            "“An identity with the specified name already exists”",
            "Error: An identity with the specified name already exists.",
            "I got the following error: An identity with the specified name already exists"})
    void caseSpacingQuotesFinalPeriodsAndFillerDoNotMatter(String copy) {
        assertThat(ErrorText.ofMessage(copy).resembles(EXISTS)).isTrue();
    }

    @Test
    void aShortMessageMustBeCopiedExactlyWithOnlyFillerAroundIt() {
        assertThat(ErrorText.ofMessage("Invalid response").resembles(INVALID_RESPONSE)).isTrue();
        assertThat(ErrorText.ofMessage("Error: invalid response.").resembles(INVALID_RESPONSE)).isTrue();
        assertThat(ErrorText.ofMessage("Invalid responses").resembles(INVALID_RESPONSE)).as("no word may differ under 8 words").isFalse();
        assertThat(ErrorText.ofMessage("Invalid response from the server").resembles(INVALID_RESPONSE))
                .as("words that are not filler after it").isFalse();
        assertThat(ErrorText.ofMessage("Server said invalid response").resembles(INVALID_RESPONSE))
                .as("words that are not filler before it").isFalse();
        assertThat(ErrorText.ofMessage("").resembles(INVALID_RESPONSE)).isFalse();
        assertThat(ErrorText.ofMessage(null).resembles(INVALID_RESPONSE)).isFalse();
    }

    @Test
    void aMessageOfSixWordsOrMoreMayBeQuotedInsideLongerText() {
        assertThat(ErrorText.ofMessage("When adding the token the portal said an identity with the specified name already exists, what now?")
                .resembles(EXISTS)).isTrue();
    }

    @Test
    void aLongMessageToleratesOneWrongWordInEight() {
        // EXPIRED has 22 words: two may be missing, extra or different, not three
        assertThat(ErrorText.ofMessage("The soft token couldn't be activated because the activation code has expired."
                + " Return to your Identity Provider and attempt the action again.").resembles(EXPIRED))
                .as("couldn't is two words for one: one extra word, one different").isTrue();
        assertThat(ErrorText.ofMessage("The soft token could not be activated as the activation code expired."
                + " Return to the Identity Provider and attempt the action again.").resembles(EXPIRED))
                .as("three words off").isFalse();
        assertThat(ErrorText.ofMessage("An identity with that specified name already exists").resembles(EXISTS))
                .as("eight words: one may differ").isTrue();
        assertThat(ErrorText.ofMessage("An identity with that specified name exists").resembles(EXISTS))
                .as("eight words: not two").isFalse();
        assertThat(ErrorText.ofMessage("Your response was invalid. Please try it again.").resembles("Your response was invalid. Please try again."))
                .as("seven words: none may differ").isFalse();
    }

    @Test
    void aMessageCutAfterOneOfItsSentencesMatchesWhenNothingElseFollows() {
        assertThat(ErrorText.ofMessage("The soft token could not be activated because the activation code has expired.")
                .resembles(EXPIRED)).isTrue();
        assertThat(ErrorText.ofMessage("Invalid key").resembles(INVALID_KEY)).as("a spaced dash ends a sentence").isTrue();
        assertThat(ErrorText.ofMessage("Error: Invalid key").resembles(INVALID_KEY)).isTrue();
        assertThat(ErrorText.ofMessage("Invalid key pressed twice").resembles(INVALID_KEY))
                .as("a short first sentence with other words after it").isFalse();
        assertThat(ErrorText.ofMessage("Return to your Identity Provider and attempt the action again.").resembles(EXPIRED))
                .as("only leading sentences count").isFalse();
    }

    @Test
    void theAddressPlaceholderStandsForOneOrMoreWordsOfAnyAddress() {
        assertThat(ErrorText.ofMessage("Certificate validation error communicating to https://idp.acme.example:8443/auth."
                + " Contact your Identity Provider.").resembles(CERTIFICATE)).isTrue();
        assertThat(ErrorText.ofMessage("Certificate validation error communicating to localhost. Contact your Identity Provider.")
                .resembles(CERTIFICATE)).isTrue();
        assertThat(ErrorText.ofMessage("Certificate validation error communicating to. Contact your Identity Provider.")
                .resembles(CERTIFICATE)).as("no address at all: one word off, within tolerance of 8 words").isTrue();
    }

    @Test
    void freeTextMatchesOnlyMessagesOfSixWordsOrMoreAnywhereInIt() {
        ErrorText description = ErrorText.ofDescription("Caller says: when I add the token an identity with the specified name"
                + " already exists pops up. Also saw Invalid response earlier.");
        assertThat(description.isFreeText()).isTrue();
        assertThat(description.resembles(EXISTS)).isTrue();
        assertThat(description.resembles(INVALID_RESPONSE)).as("two words are too few to trust in free text").isFalse();
        assertThat(ErrorText.ofDescription("Invalid key").resembles(INVALID_KEY))
                .as("a short leading sentence is not enough in free text").isFalse();
        assertThat(ErrorText.ofMessage("x").isFreeText()).isFalse();
    }

    @Test
    void rawKeepsTheFirst200CharactersWithoutSplittingACharacter() {
        assertThat(ErrorText.ofMessage(null).raw()).isEmpty();
        assertThat(ErrorText.ofMessage("short").raw()).isEqualTo("short");
        assertThat(ErrorText.ofMessage("a".repeat(200)).raw()).isEqualTo("a".repeat(200));
        assertThat(ErrorText.ofMessage("a".repeat(201)).raw()).isEqualTo("a".repeat(200) + "...");
        // an emoji is two chars in Java: cutting between them would leave half a character, invalid in UTF-8
        String raw = ErrorText.ofMessage("a".repeat(199) + "\uD83D\uDE00 and more").raw();
        assertThat(raw).isEqualTo("a".repeat(199) + "...");
        assertThat(raw.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }

    @Test
    void theTextsWordsAreItsStringForm() {
        assertThat(ErrorText.ofMessage("Error:  Invalid—Response!").toString()).isEqualTo("error invalid response");
    }

    @Test
    void aRepeatedTextIsOneInstanceWhoseAnswersStayPerMessage() {
        ErrorText first = ErrorText.ofMessage("Error: Invalid Response.");
        assertThat(ErrorText.ofMessage("Error: Invalid Response.")).isSameAs(first);
        assertThat(ErrorText.ofDescription("Error: Invalid Response.")).as("a description is read differently")
                .isNotSameAs(first).matches(ErrorText::isFreeText);
        // asked again, and in another order: each message keeps its own answer
        for (int round = 0; round < 2; round++) {
            assertThat(first.resembles(INVALID_RESPONSE)).isTrue();
            assertThat(first.resembles(EXISTS)).isFalse();
            assertThat(first.resembles(INVALID_KEY)).isFalse();
        }
        String longText = "x ".repeat(300) + INVALID_RESPONSE;
        assertThat(ErrorText.ofDescription(longText)).as("long texts are not kept").isNotSameAs(ErrorText.ofDescription(longText));
        assertThat(ErrorText.ofMessage(null)).isNotSameAs(ErrorText.ofMessage(null));
    }

    @Test
    void manyDifferentTextsStillGetTheirOwnAnswers() {
        // past the number of texts kept: the cache is emptied and refilled, never mixed up
        for (int i = 0; i < 10_000; i++) {
            ErrorText t = ErrorText.ofMessage(i % 2 == 0
                    ? "Certificate validation error communicating to https://idp" + i + ".example.com. Contact your Identity Provider."
                    : "unrelated text " + i);
            assertThat(t.resembles(CERTIFICATE)).as(t.raw()).isEqualTo(i % 2 == 0);
            assertThat(t.raw()).contains(String.valueOf(i));
        }
    }
}
