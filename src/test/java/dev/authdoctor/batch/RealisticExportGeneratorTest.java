package dev.authdoctor.batch;

import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.IncidentReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The export the cold batch benchmark runs on (issue 12): as large as a real one, valid, every row, nothing real. */
class RealisticExportGeneratorTest {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w.-]+");
    private static final Pattern PHONE = Pattern.compile("\\+1-\\d{3}-\\d{3}-\\d{4}");

    @Test
    void theSameSeedGivesTheSameExportAndLinesAverageAnIdaasUsersFullFacts() {
        byte[] export = new RealisticExportGenerator(1).jsonLines(5_000, 0.03);
        assertThat(new RealisticExportGenerator(1).jsonLines(5_000, 0.03)).isEqualTo(export);
        assertThat(new RealisticExportGenerator(2).jsonLines(5_000, 0.03)).isNotEqualTo(export);
        assertThat(export.length / 5_000).isBetween(420, 500);
    }

    @Test
    void everyRecordNotPlantedAsMalformedMeetsTheContract() {
        IncidentReader reader = new IncidentReader();
        String[] lines = new String(new RealisticExportGenerator(3).jsonLines(3_000, 0.0), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3_000);
        for (String line : lines) {
            assertThat(reader.read(line)).as(line).isInstanceOf(ReadResult.Accepted.class);
        }
    }

    @Test
    void personalDataIsVisiblySynthetic() {
        String export = new String(new RealisticExportGenerator(4).jsonLines(3_000, 0.0), StandardCharsets.UTF_8);
        Matcher email = EMAIL.matcher(export);
        int emails = 0;
        while (email.find()) {
            emails++;
            assertThat(email.group()).endsWith("@example.com");
        }
        Matcher phone = PHONE.matcher(export);
        int phones = 0;
        while (phone.find()) {
            phones++;
            assertThat(phone.group()).matches("\\+1-202-555-01\\d\\d"); // the 555-0100 to 0199 range is reserved for fiction
        }
        assertThat(emails).isGreaterThan(2_500);
        assertThat(phones).isGreaterThan(500);
    }

    @Test
    void batchRejectsAboutThePlantedShareAndFindsEveryRowOfTheTable(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("export.jsonl");
        Files.write(input, new RealisticExportGenerator(5).jsonLines(3_000, 0.03));
        Batch.Result r = BatchTest.run(dir.resolve("out"), 2, input.toString());
        assertThat(r.summary().read()).isEqualTo(3_000);
        assertThat(r.summary().rejected()).isBetween(60L, 120L);

        Map<String, Integer> found = new TreeMap<>();
        int none = 0;
        for (JsonNode d : BatchTest.lines(dir.resolve("out").resolve(Batch.DIAGNOSES))) {
            if (d.get("problems").isEmpty()) {
                none++;
            }
            d.get("problems").forEach(p -> found.merge(p.get("id").asString(), 1, Integer::sum));
        }
        assertThat(found).containsOnlyKeys("st-unlock-blocked-account-and-app-locked", "admin-only-authenticator-deleted",
                "st-activation-code-expired", "st-identity-name-exists", "ga-invalid-key", "reset-token-invalid-response",
                "activation-email-not-received", "token-activation-failed-on-portal", "token-not-working", "password-in-history",
                "msc-certificate-validation-error", "msc-registration-password-expired", "msc-password-incorrect-or-link-corrupted");
        assertThat(found.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));
        assertThat(found.get("token-not-working")).isEqualTo(found.values().stream().max(Integer::compare).orElseThrow());
        // three messages in ten no rule knows, in half the records
        assertThat(none).isBetween(300, 600);
    }
}
