package dev.authdoctor.text;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The OCR repair's quick scan only skips texts its three regular expressions would leave as they are. */
class OcrRepairTest {

    private static final Pattern STOP = Pattern.compile("(?<=\\p{Ll})\\.(?=\\p{Lu})");
    private static final Pattern ZERO = Pattern.compile("(?<=\\p{L})0(?=\\p{L})");
    private static final Pattern ONE = Pattern.compile("(?<=\\p{L})1(?=\\p{L})");
    /** Letters of every kind next to the characters the repair looks at, a supplementary letter (two chars) too. */
    private static final String[] PIECES = {"a", "Z", "0", "1", ".", " ", "é", "Ö", "ß", "\uD835\uDC00", "7", "-", "x", "R"};

    @Test
    void givesWhatTheRegularExpressionsGiveOnAnyText() {
        Random random = new Random(42);
        int repaired = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            String expected = ONE.matcher(ZERO.matcher(STOP.matcher(text).replaceAll(". ")).replaceAll("o")).replaceAll("l");
            assertThat(TextMatcher.repairOcr(text)).as(text).isEqualTo(expected);
            repaired += expected.equals(text) ? 0 : 1;
        }
        assertThat(repaired).as("texts the repair changed").isGreaterThan(1_000);
        assertThat(TextMatcher.repairOcr("cou1d n0t.Return 10 to Self-Service")).isEqualTo("could not. Return 10 to Self-Service");
    }
}
