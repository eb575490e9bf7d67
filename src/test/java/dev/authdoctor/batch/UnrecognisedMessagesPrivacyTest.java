package dev.authdoctor.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch summary and report list unrecognised messages with personal data and ids replaced by typed
 * placeholders, grouped: messages that differ only in those parts are one line.
 */
class UnrecognisedMessagesPrivacyTest {

    private static final List<String> MESSAGES = List.of(
            "Unexpected failure 10001",
            "Unexpected failure 100035",
            "Login denied for jürgen@müller.de from 192.168.10.20",
            "Login denied for \\\"jane doe\\\"@acme.example from 2001:db8::8a2e:370:7334",
            "Token 123e4567-e89b-42d3-a456-426614174000 of user JDoe42 rejected, call +44 7700 900123",
            "Token 0b7c0a5e-1f2d-4c3b-9a8e-7d6c5b4a3f21 of user mvogel7 rejected, call +1 (415) 555-0132",
            "Mailbox jane@[10.0.0.5] unreachable, see https://idp.example/u/jdoe42?mobile=15551234567");

    private static final List<String> SECRETS = List.of("jürgen", "müller", "jane doe", "acme.example", "jane@", "10.0.0.5",
            "192.168.10.20", "2001:db8", "8a2e", "123e4567", "0b7c0a5e", "jdoe42", "mvogel7", "7700 900123", "555-0132", "(415)",
            "10001", "100035", "idp.example", "15551234567");

    @Test
    void messagesAreMaskedAndGroupedInSummaryAndReport(@TempDir Path dir) throws Exception {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < MESSAGES.size(); i++) {
            in.append("{\"id\":\"M").append(i).append("\",\"error\":{\"message\":\"").append(MESSAGES.get(i)).append("\"}}\n");
        }
        var r = run(in.toString(), "batch", "-", "--out", dir.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();

        String summary = Files.readString(dir.resolve("summary.json"));
        String report = Files.readString(dir.resolve("report.html"));
        for (String secret : SECRETS) {
            assertThat(summary.toLowerCase(Locale.ROOT)).as("summary.json holds %s", secret).doesNotContain(secret);
            assertThat(report.toLowerCase(Locale.ROOT)).as("report.html holds %s", secret).doesNotContain(secret);
        }

        JsonNode top = JsonMapper.builder().build().readTree(summary).get("topUnrecognisedMessages");
        Map<String, Long> listed = new LinkedHashMap<>();
        top.forEach(n -> listed.put(n.get("message").asString(), n.get("count").asLong()));
        assertThat(listed).containsExactly(
                Map.entry("login denied for <email> from <ip>", 2L),
                Map.entry("token <uuid> of user <id> rejected, call <phone>", 2L),
                Map.entry("unexpected failure <number>", 2L),
                Map.entry("mailbox <email> unreachable, see <url>", 1L));
        assertThat(listed.values().stream().collect(Collectors.summingLong(Long::longValue))).isEqualTo(MESSAGES.size());
        assertThat(report).contains("<td>unexpected failure &lt;number&gt;</td><td class=\"n\">2</td>");
    }
}
