package dev.authdoctor.text;

import dev.authdoctor.vocabulary.TextCandidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scoring of problems against a ticket's words: confident, close, weak, vetoed, tolerant of typos and OCR. */
class TextMatcherTest {

    private static Knowledge.Phrase en(String text) {
        return new Knowledge.Phrase(Language.EN, text, 0);
    }

    private static final Knowledge KNOWLEDGE = new Knowledge(List.of(
            new Knowledge.ProblemWords("code-expired",
                    List.of(en("The soft token could not be activated because the activation code has expired.")),
                    List.of(en("activation code expired"), new Knowledge.Phrase(Language.FR, "le code d'activation a expiré", 0)),
                    List.of("license"), "t", Map.of()),
            new Knowledge.ProblemWords("key-invalid",
                    List.of(en("Invalid key - The key sequence of numbers and letters is invalid.")),
                    List.of(en("Google Authenticator key invalid")), List.of("product key"), "t", Map.of()),
            new Knowledge.ProblemWords("token-refused", List.of(),
                    List.of(en("codes refused at login")), List.of(), "t",
                    Map.of("CLOCK_DRIFT", List.of(en("phone clock is off"))))),
            List.of("vpn"),
            "ga, google authenticator\nneg, not, never\n");

    private final TextMatcher matcher = new TextMatcher(KNOWLEDGE);

    private List<TextCandidate> heard(String message, String description) {
        return matcher.match(message, description).candidates();
    }

    @Test
    void theProductsOwnMessageScoresOneThroughTheFastPath() {
        List<TextCandidate> c = heard("The soft token could not be activated because the activation code has expired.", null);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).problemId()).isEqualTo("code-expired");
        assertThat(c.get(0).score()).isEqualTo(1.0);
    }

    @Test
    void theFastPathNamesTheMessageAsDeclaredWhateverTheCaseQuotesOrErrorPrefix() {
        TextMatcher.Result r = matcher.match("Error: \u201CTHE SOFT TOKEN COULD NOT BE ACTIVATED BECAUSE THE ACTIVATION CODE HAS EXPIRED\u201D", null);
        assertThat(r.exactMessage()).isEqualTo("The soft token could not be activated because the activation code has expired.");
        assertThat(matcher.match("ST app says activation code expired", null).exactMessage()).isNull();
    }

    @Test
    void aParaphraseCoveringAPhraseIsConfidentAndFarAheadOfTheRest() {
        List<TextCandidate> c = heard("ST app says activation code expired", null);
        assertThat(c.get(0).problemId()).isEqualTo("code-expired");
        assertThat(c.get(0).score()).isGreaterThanOrEqualTo(0.75);
        assertThat(c.get(0).terms()).contains("activation", "expired");
        assertThat(c.get(0).field()).isEqualTo(TextMatcher.MESSAGE);
        assertThat(c).filteredOn(x -> !x.problemId().equals("code-expired")).allMatch(x -> x.score() < 0.6);
    }

    @Test
    void aTicketTellingTwoProblemsGivesTwoCloseCandidates() {
        List<TextCandidate> c = heard(null, "activation code expired, and my codes are refused at login");
        assertThat(c).extracting(TextCandidate::problemId).containsExactlyInAnyOrder("code-expired", "token-refused");
        assertThat(Math.abs(c.get(0).score() - c.get(1).score())).isLessThan(0.12);
        assertThat(c.get(0).field()).isEqualTo(TextMatcher.DESCRIPTION);
    }

    @Test
    void aFewSharedWordsGiveOnlyAWeakCandidate() {
        List<TextCandidate> c = heard(null, "my code is wrong");
        assertThat(c).allMatch(x -> x.score() < 0.6);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "lnvalid kev - The key sequ ence of nurnbers and 1etters is inva1id",   // OCR: l/I/1, rn/m, split words
            "Invalid key - The key sequnce of numbers and leters is invaild",       // typos
            "Invalid key - The keysequence of numbers and letters is invalid"})     // joined words
    void typosAndOcrDamageStillReachTheMessage(String text) {
        List<TextCandidate> c = heard(text, null);
        assertThat(c.get(0).problemId()).isEqualTo("key-invalid");
        assertThat(c.get(0).score()).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void aTranslatedPhraseIsHeardInItsLanguage() {
        TextMatcher.Result r = matcher.match("Le code d'activation a expiré.", null);
        assertThat(r.language()).isEqualTo(Language.FR);
        assertThat(r.candidates().get(0).problemId()).isEqualTo("code-expired");
        assertThat(r.candidates().get(0).language()).isEqualTo("fr");
    }

    @Test
    void aProblemsNearMissMarkerVetoesThatProblemOnly() {
        TextMatcher.Result r = matcher.match("This product key is invalid", "Google Authenticator key invalid");
        assertThat(r.candidates()).extracting(TextCandidate::problemId).doesNotContain("key-invalid");
        assertThat(r.vetoed()).containsEntry("key-invalid", "product key");
    }

    @Test
    void anOffTopicMarkerVetoesEveryProblem() {
        TextMatcher.Result r = matcher.match(null, "VPN: activation code expired");
        assertThat(r.candidates()).isEmpty();
        assertThat(r.vetoed()).containsKey("*");
    }

    @Test
    void aNegatedWordDoesNotMeetThePlainOne() {
        TextMatcher m = new TextMatcher(new Knowledge(List.of(new Knowledge.ProblemWords("p", List.of(),
                List.of(en("activation email received, portal fails")), List.of(), "t", Map.of())), List.of(), "neg, not, never\n"));
        double plain = m.match(null, "activation email received, portal fails").candidates().get(0).score();
        List<TextCandidate> negated = m.match(null, "activation email never received, portal fails").candidates();
        assertThat(negated.isEmpty() ? 0 : negated.get(0).score()).isLessThan(plain);
    }

    @Test
    void ocrConfusablesInShortWordsStillMatch() {
        TextMatcher m = new TextMatcher(new Knowledge(List.of(new Knowledge.ProblemWords("p", List.of(),
                List.of(en("app locked, PIN reset code")), List.of(), "t", Map.of())), List.of(), ""));
        double clean = m.match("app locked, PIN reset code", null).candidates().get(0).score();
        double ocr = m.match("app locked, PlN reset code", null).candidates().get(0).score();
        assertThat(ocr).isGreaterThan(0.9 * clean);
        // only the letters OCR confuses: "PAN" is another word
        List<TextCandidate> other = m.match("app locked, PAN reset code", null).candidates();
        assertThat(other.isEmpty() ? 0 : other.get(0).score()).isLessThan(ocr);
    }

    @Test
    void anEverydayWordOneLetterFromAWordOfTheFieldIsNotReadAsItsTypo() {
        TextMatcher m = new TextMatcher(new Knowledge(List.of(new Knowledge.ProblemWords("p", List.of(),
                List.of(en("Entrust app locked, account locked")), List.of(), "t", Map.of())), List.of(), ""));
        // a typo still meets the word
        assertThat(m.match(null, "Entrust app lockd, account lcoked").candidates()).isNotEmpty();
        // "looked" is written as meant: the app and the account were not said to be locked
        List<TextCandidate> looked = m.match(null, "looked in the Entrust app, looked at the account").candidates();
        double locked = m.match(null, "Entrust app locked, account locked").candidates().get(0).score();
        assertThat(looked.isEmpty() ? 0 : looked.get(0).score()).isLessThan(0.6 * locked);
    }

    @Test
    void causesAreHeardBesideTheProblem() {
        TextMatcher.Result r = matcher.match(null, "codes refused at login, my phone clock is off");
        assertThat(r.candidates().get(0).problemId()).isEqualTo("token-refused");
        assertThat(r.causes()).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo("CLOCK_DRIFT");
            assertThat(c.score()).isGreaterThanOrEqualTo(0.75);
        });
    }

    @Test
    void textsDifferingOnlyInNumbersShareOneResult() {
        TextMatcher.Result a = matcher.match("activation code expired for tenant 12345", null);
        TextMatcher.Result b = matcher.match("activation code expired for tenant 67890", null);
        assertThat(b).isSameAs(a);
        assertThat(matcher.match("activation code expired", "1")).isNotSameAs(a);
    }

    @Test
    void aTextAskedAgainAsGivenGetsTheAnswerItGotFirstAndThatAFreshMatcherGives() {
        // OCR repair and digit runs are what the cache by the texts as given skips: each answer must still be the repaired one
        String[][] tickets = {
                {"lnvalid key - the key sequence 0f numbers is inva1id", null},
                {null, "phone clock is off, codes refused at login since 2024-05-01"},
                {"Invalid key", "ga key invalid after reset 12345"},
                {"", ""},
                {null, null},
        };
        for (String[] t : tickets) {
            TextMatcher.Result first = matcher.match(t[0], t[1]);
            assertThat(matcher.match(t[0], t[1])).isSameAs(first);
            assertThat(new TextMatcher(KNOWLEDGE).match(t[0], t[1])).isEqualTo(first);
        }
        assertThat(matcher.match("lnvalid key - the key sequence 0f numbers is inva1id", null).candidates().get(0).problemId())
                .isEqualTo("key-invalid");
        // texts that differ only in their digits share what was worked out
        assertThat(matcher.match(null, "codes refused at login since 2024-05-02"))
                .isEqualTo(matcher.match(null, "codes refused at login since 2023-11-30"));
    }

    @Test
    void theCacheIsBoundedByCharactersAndLongTicketsAreNotKept() {
        TextMatcher m = new TextMatcher(KNOWLEDGE);
        String pad = " and the phrase keeps going".repeat(50); // about 1,350 characters a ticket
        for (int i = 0; i < 2_000; i++) {
            List<TextCandidate> c = m.match(null, "codes refused at login, ticket " + Integer.toString(i, 36) + pad).candidates();
            assertThat(c).as("ticket %d", i).isNotEmpty();
            assertThat(c.get(0).problemId()).isEqualTo("token-refused");
            assertThat(m.cachedChars()).isLessThanOrEqualTo(TextMatcher.CACHED_CHARS + 2L * TextMatcher.CACHED_TEXT);
        }
        TextMatcher fresh = new TextMatcher(KNOWLEDGE);
        String huge = "activation code expired " + "x".repeat(TextMatcher.CACHED_TEXT);
        TextMatcher.Result once = fresh.match(null, huge);
        assertThat(fresh.cachedChars()).as("a ticket over the length kept is not cached").isZero();
        assertThat(fresh.match(null, huge)).isEqualTo(once).isNotSameAs(once);
    }
}
