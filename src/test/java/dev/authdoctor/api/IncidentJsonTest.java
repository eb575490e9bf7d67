package dev.authdoctor.api;

import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Incidents in through the public facade: every way in gives what the contract's reader gives, and nothing Jackson. */
class IncidentJsonTest {

    static final String GOOD = """
            {
              "id": "INC-1",
              "symptom": "TOKEN_NOT_WORKING",
              "description": "Jürgen's 🔑 token",
              "user": {"state": "ACTIVE", "locked": true}
            }
            """;
    static final String BAD = "{\"id\":\"INC-2\",\"user\":{\"state\":\"ENABLED\"}}";
    static final String BAD_ERROR = "user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE";

    @Test
    void oneIncidentReadsTheSameFromStringReaderStreamAndFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("incident.json");
        Files.writeString(file, "\uFEFF" + GOOD); // a byte-order mark, as Windows editors write it
        List<ReadResult> results = List.of(
                IncidentJson.read(GOOD),
                IncidentJson.read(new StringReader(GOOD)),
                IncidentJson.read(new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8))),
                IncidentJson.read(file));
        for (ReadResult r : results) {
            assertThat(r).isInstanceOf(ReadResult.Accepted.class);
            assertThat(((ReadResult.Accepted) r).incident().id()).isEqualTo("INC-1");
            assertThat(((ReadResult.Accepted) r).incident().description()).isEqualTo("Jürgen's 🔑 token");
        }
    }

    @Test
    void anIncidentWrittenAsJsonReadsBackTheSame() {
        var incident = ((ReadResult.Accepted) IncidentJson.read(GOOD)).incident();
        String json = IncidentJson.toJson(incident);
        assertThat(json).doesNotContain("\n").startsWith("{\"id\":\"INC-1\"").contains("\"locked\":true").doesNotContain("null");
        assertThat(IncidentJson.read(json)).isEqualTo(new ReadResult.Accepted(incident));
    }

    @Test
    void aBadIncidentGivesTheContractsFieldMessageOnEveryWayIn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, BAD);
        List<ReadResult> results = List.of(IncidentJson.read(BAD), IncidentJson.read(new StringReader(BAD)),
                IncidentJson.read(new ByteArrayInputStream(BAD.getBytes(StandardCharsets.UTF_8))), IncidentJson.read(file));
        ReadResult direct = new IncidentReader().read(BAD);
        for (ReadResult r : results) {
            assertThat(r).isEqualTo(direct).isEqualTo(new ReadResult.Rejected("INC-2", List.of(BAD_ERROR)));
        }
    }

    @Test
    void invalidUtf8AndOversizedInputAreRejectedNotThrown() throws IOException {
        byte[] latin1 = "{\"id\":\"J\u00fcrgen\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(IncidentJson.read(new ByteArrayInputStream(latin1)))
                .isEqualTo(new ReadResult.Rejected(null, List.of("invalid UTF-8 at byte 9")));
        byte[] huge = new byte[IncidentJson.MAX_DOCUMENT_SIZE + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThat(((ReadResult.Rejected) IncidentJson.read(new ByteArrayInputStream(huge))).errors())
                .containsExactly("over a limit: the input is longer than 10485760 bytes");
        assertThat(((ReadResult.Rejected) IncidentJson.read(new StringReader(new String(huge, StandardCharsets.US_ASCII)))).errors())
                .containsExactly("over a limit: the input is longer than 10485760 characters");
    }

    static final String LINES = "{\"id\":\"A\"}\n" + BAD + "\n\n{\"id\":\"C\",\"description\":\"été 🔑\"}\n";

    @Test
    void jsonLinesGiveOneResultPerLineAndNameTheBadLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("incidents.jsonl");
        Files.writeString(file, LINES);
        List<List<String>> ways = new ArrayList<>();
        try (Stream<IncidentJson.Line> s = IncidentJson.lines(file)) {
            ways.add(describe(s));
        }
        ways.add(describe(IncidentJson.lines(LINES)));
        ways.add(describe(IncidentJson.lines(new StringReader(LINES))));
        ways.add(describe(IncidentJson.lines(new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)))));
        for (List<String> lines : ways) {
            assertThat(lines).containsExactly(
                    "1 A null",
                    "2 rejected INC-2 [line 2: " + BAD_ERROR + "]",
                    "3 rejected null [line 3: empty line, expected a JSON object]",
                    "4 C été 🔑");
        }
    }

    @Test
    void aPrettyPrintedFileIsOneIncident() {
        assertThat(describe(IncidentJson.lines(GOOD))).containsExactly("1 INC-1 Jürgen's 🔑 token");
    }

    @Test
    void aReaderIsEncodedWithoutLosingCharactersAcrossItsBuffers() {
        // Characters outside the BMP are two chars each; thousands of them make pairs straddle the 8 KiB buffer.
        String words = "🔑é".repeat(7000);
        String text = "{\"id\":\"A\",\"description\":\"" + words + "\"}\n{\"id\":\"B\"}";
        assertThat(describe(IncidentJson.lines(new StringReader(text)))).containsExactly("1 A " + words, "2 B null");
    }

    @Test
    void theCallersStreamOrReaderIsLeftOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(LINES.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        try (Stream<IncidentJson.Line> s = IncidentJson.lines(in)) {
            assertThat(s.count()).isEqualTo(4);
        }
        assertThat(closed).isFalse();
        AtomicBoolean readerClosed = new AtomicBoolean();
        StringReader reader = new StringReader(LINES) {
            @Override
            public void close() {
                readerClosed.set(true);
            }
        };
        try (Stream<IncidentJson.Line> s = IncidentJson.lines(reader)) {
            assertThat(s.count()).isEqualTo(4);
        }
        assertThat(readerClosed).isFalse();
    }

    @Test
    void aFailureToReadTheInputIsAnUncheckedIoExceptionNotALine() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        try (Stream<IncidentJson.Line> s = IncidentJson.lines(failing)) {
            assertThatThrownBy(s::toList).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("connection reset");
        }
    }

    @Test
    void thePublicApiNamesNoJsonLibraryType() {
        // The published jar relocates Jackson: a Jackson type here would be a relocated one, of no use to an embedder.
        for (Class<?> c : List.of(IncidentJson.class, IncidentJson.Line.class, DiagnosisJson.class, Consultation.class,
                Troubleshooter.class, Diagnosis.class, SupportTicket.class, IncidentReader.class, ReadResult.class)) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                List<Class<?>> types = new ArrayList<>(Arrays.asList(m.getParameterTypes()));
                types.add(m.getReturnType());
                for (Class<?> t : types) {
                    assertThat(t.getName()).as(c.getSimpleName() + "." + m.getName())
                            .doesNotStartWith("tools.jackson").doesNotStartWith("com.fasterxml");
                }
            }
        }
    }

    private static List<String> describe(Stream<IncidentJson.Line> lines) {
        return lines.map(l -> l.number() + " " + (l.result() instanceof ReadResult.Accepted a
                ? a.incident().id() + " " + a.incident().description()
                : "rejected " + ((ReadResult.Rejected) l.result()).incidentId() + " " + ((ReadResult.Rejected) l.result()).errors())).toList();
    }
}
