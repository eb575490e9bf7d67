package dev.authdoctor.api;

import dev.authdoctor.incident.ReadResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits are inclusive: input of exactly the limit is read, a watch of exactly 1 ms is taken. */
class InputLimitsTest {

    @Test
    void anIncidentOfExactlyTheLimitIsReadFromAStreamAndAReader() throws IOException {
        String json = "{\"id\":\"A\"}";
        String padded = json + " ".repeat(IncidentJson.MAX_DOCUMENT_SIZE - json.length());
        assertThat(padded).hasSize(IncidentJson.MAX_DOCUMENT_SIZE);
        assertThat(IncidentJson.read(new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ReadResult.Accepted.class);
        assertThat(IncidentJson.read(new StringReader(padded))).isInstanceOf(ReadResult.Accepted.class);
    }

    @Test
    void aWatchOfOneMillisecondIsTaken() {
        Troubleshooter.Builder b = Troubleshooter.builder();
        assertThat(b.watch(Duration.ofMillis(1))).isSameAs(b);
    }
}
