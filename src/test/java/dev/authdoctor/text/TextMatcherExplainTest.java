package dev.authdoctor.text;

import dev.authdoctor.vocabulary.TextCandidate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TextMatcher.explain: the best wording of one problem, its words present (as written) and missing, and the same score as match. */
class TextMatcherExplainTest {

    private static Knowledge.Phrase en(String text, int line) {
        return new Knowledge.Phrase(Language.EN, text, line);
    }

    private static final Knowledge KNOWLEDGE = new Knowledge(List.of(
            new Knowledge.ProblemWords("code-expired",
                    List.of(en("The soft token could not be activated because the activation code has expired.", 3)),
                    List.of(en("activation code expired", 7), new Knowledge.Phrase(Language.FR, "le code d'activation a expiré", 9)),
                    List.of("license"), "pack/code-expired.yaml:2", Map.of()),
            new Knowledge.ProblemWords("key-invalid",
                    List.of(en("Invalid key - The key sequence of numbers and letters is invalid.", 4)),
                    List.of(en("Google Authenticator key invalid", 8)), List.of("product key"), "pack/key-invalid.yaml:2", Map.of())),
            List.of("vpn"),
            "ga, google authenticator\n");

    private final TextMatcher matcher = new TextMatcher(Knowledge.merge(List.of(KNOWLEDGE)));

    @Test
    void namesTheBestPhraseItsFileAndLineAndTheWordsAsWritten() {
        TextMatcher.Explanation x = matcher.explain("code-expired", null, "the Activaton code EXPIRED yesterday");
        assertThat(x.phrase()).isEqualTo("activation code expired");
        assertThat(x.where()).isEqualTo("pack/code-expired.yaml:7");
        assertThat(x.field()).isEqualTo(TextMatcher.DESCRIPTION);
        assertThat(x.language()).isEqualTo("en");
        assertThat(x.present()).containsExactly(new TextMatcher.Term("activation", "Activaton", false),
                new TextMatcher.Term("code", "code", true), new TextMatcher.Term("expired", "EXPIRED", true));
        assertThat(x.missing()).isEmpty();
        assertThat(x.vetoedBy()).isNull();
    }

    @Test
    void aWeakTicketGetsTheMissingWordsOfItsClosestPhrase() {
        TextMatcher.Explanation x = matcher.explain("code-expired", null, "something about the activation code");
        assertThat(x.phrase()).isEqualTo("activation code expired");
        assertThat(x.present()).extracting(TextMatcher.Term::written).containsExactly("activation", "code");
        assertThat(x.missing()).containsExactly("expired");
        assertThat(x.score()).isGreaterThan(0).isLessThan(1);
    }

    @Test
    void aVetoedProblemNamesTheMarkerAndStillSaysWhatItWouldHaveScored() {
        TextMatcher.Explanation x = matcher.explain("code-expired", null, "vpn activation code expired");
        assertThat(x.vetoedBy()).isEqualTo("vpn");
        assertThat(x.score()).isGreaterThan(0.5);
        assertThat(matcher.match(null, "vpn activation code expired").candidates()).extracting(TextCandidate::problemId)
                .doesNotContain("code-expired");
    }

    @Test
    void theProductsExactMessageOfAnotherProblemGivesThisOneNothing() {
        String message = "Invalid key - The key sequence of numbers and letters is invalid.";
        assertThat(matcher.explain("key-invalid", message, null).score()).isEqualTo(1.0);
        TextMatcher.Explanation other = matcher.explain("code-expired", message, null);
        assertThat(other.exactMessageOf()).isEqualTo("key-invalid");
        assertThat(other.score()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|the activation code has expired",
            "|le code d'activation a expiré",
            "GA says the key is invlid|",
            "activation code|it expired, I think",
            "|Google Authenticator: key invalid, and the activation code expired"})
    void scoresAsMatchDoes(String message, String description) {
        for (TextCandidate c : matcher.match(message, description).candidates()) {
            TextMatcher.Explanation x = matcher.explain(c.problemId(), message, description);
            assertThat(x.score()).as(c.problemId()).isEqualTo(c.score());
            assertThat(x.field()).as(c.problemId()).isEqualTo(c.field());
        }
    }

    @Test
    void noWordsOrNoPhrasesGiveNoExplanation() {
        assertThat(matcher.explain("code-expired", null, " ")).isNull();
        assertThat(matcher.explain("no-such-problem", null, "activation code expired")).isNull();
    }
}
