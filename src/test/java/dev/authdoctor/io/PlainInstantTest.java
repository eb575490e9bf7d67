package dev.authdoctor.io;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Date-times read by hand give the very instant Jackson's general parser gives, and other spellings are left to it. */
class PlainInstantTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyPlainSpellingReadsAsJacksonReadsIt() {
        Random random = new Random(3);
        int read = 0;
        for (int k = 0; k < 50_000; k++) {
            String s = spelling(random);
            Instant mine = FastContract.DateTimes.plainInstant(s);
            if (mine != null) {
                read++;
                assertThat(mine).as(s).isEqualTo(JSON.treeToValue(StringNode.valueOf(s), Instant.class));
            }
        }
        assertThat(read).as("most generated spellings are plain").isGreaterThan(30_000);
    }

    @Test
    void otherSpellingsAreLeftToTheGeneralParser() {
        for (String s : new String[] {"2026-11-28t09:15:00Z", "2026-11-28T09:15:00z", "2026-11-28T09:15:60Z",
                "2026-02-29T09:15:00Z", "2026-11-28T09:15:00-00:00x", "2026-11-28T09:15:00+18:00", "2026-11-28 09:15:00Z",
                "2026-11-28T09:15:00.Z", "2026-11-28T09:15:00.1234567891Z", "2026-11-28T09:15Z", "+2026-11-28T09:15:00Z"}) {
            assertThat(FastContract.DateTimes.plainInstant(s)).as(s).isNull();
        }
        assertThat(FastContract.DateTimes.plainInstant("2024-02-29T23:59:59.5-01:30"))
                .isEqualTo(Instant.parse("2024-03-01T01:29:59.500Z"));
    }

    private static String spelling(Random r) {
        String date = String.format("%04d-%02d-%02dT%02d:%02d:%02d", 1900 + r.nextInt(300), 1 + r.nextInt(12), 1 + r.nextInt(31),
                r.nextInt(24), r.nextInt(60), r.nextInt(61));
        int digits = r.nextInt(4) == 0 ? 1 + r.nextInt(9) : 0;
        StringBuilder fraction = new StringBuilder(digits > 0 ? "." : "");
        for (int i = 0; i < digits; i++) {
            fraction.append(r.nextInt(10));
        }
        String offset = switch (r.nextInt(3)) {
            case 0 -> "Z";
            case 1 -> String.format("+%02d:%02d", r.nextInt(18), r.nextInt(60));
            default -> String.format("-%02d:%02d", r.nextInt(18), r.nextInt(60));
        };
        return date + fraction + offset;
    }
}
