package dev.authdoctor.api;

import dev.authdoctor.incident.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.authdoctor.Doctor.diagnose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Diagnoses out through the public facade: every way out writes the same bytes. */
class DiagnosisJsonTest {

    static final Diagnosis LOCKED = diagnose("{\"id\":\"T1\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}");
    static final Diagnosis ACCENTED = diagnose("{\"id\":\"Jürgen-🔑\",\"error\":{\"message\":\"Invalid Response.\"}}");
    static final Diagnosis REJECTED = Diagnosis.rejected("T3", List.of("line 2: user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE"));

    @Test
    void oneDiagnosisIsOneObjectOnOneLineWhicheverWayItIsWritten() throws IOException {
        for (Diagnosis d : List.of(LOCKED, ACCENTED, REJECTED)) {
            String json = DiagnosisJson.toJson(d);
            assertThat(json).startsWith("{\"incidentId\":\"" + d.incidentId() + "\",\"outcome\":\"" + d.outcome() + "\"")
                    .endsWith("}").doesNotContain("\n");
            StringWriter w = new StringWriter();
            DiagnosisJson.write(d, w);
            assertThat(w).hasToString(json);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DiagnosisJson.write(d, b);
            assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo(json);
        }
        assertThat(DiagnosisJson.toJson(LOCKED)).contains("\"escalation\":{\"contact\":\"SUPER_ADMINISTRATOR\"");
        assertThat(DiagnosisJson.toJson(REJECTED)).contains("\"errors\":[\"line 2: user.state: \\\"ENABLED\\\" is not one of ACTIVE, INACTIVE\"]");
    }

    @Test
    void jsonLinesAreOneLinePerDiagnosisInOrderToWriterStreamAndFile(@TempDir Path dir) throws IOException {
        List<Diagnosis> all = List.of(LOCKED, ACCENTED, REJECTED);
        String expected = DiagnosisJson.toJson(LOCKED) + "\n" + DiagnosisJson.toJson(ACCENTED) + "\n" + DiagnosisJson.toJson(REJECTED) + "\n";
        StringWriter w = new StringWriter();
        DiagnosisJson.writeLines(all, w);
        assertThat(w).hasToString(expected);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DiagnosisJson.writeLines(all, b);
        assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        Path file = dir.resolve("diagnoses.jsonl");
        DiagnosisJson.writeLines(all.stream()::iterator, file);
        assertThat(Files.readString(file)).isEqualTo(expected);
    }

    @Test
    void theReadmePipelineGivesOneDiagnosisLinePerInputLine(@TempDir Path dir) throws IOException {
        Troubleshooter doctor = dev.authdoctor.Doctor.DOCTOR;
        Path input = dir.resolve("incidents.jsonl");
        Files.writeString(input, "{\"id\":\"T1\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}\n"
                + "{\"id\":\"T3\",\"user\":{\"state\":\"ENABLED\"}}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // as in the README, with out for System.out
        try (Stream<IncidentJson.Line> lines = IncidentJson.lines(input)) {
            Stream<Diagnosis> diagnoses = lines.map(line -> line.result() instanceof ReadResult.Rejected r
                    ? Diagnosis.rejected(r.incidentId(), r.errors())
                    : doctor.diagnose(((ReadResult.Accepted) line.result()).incident()));
            DiagnosisJson.writeLines(diagnoses::iterator, out);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(DiagnosisJson.toJson(LOCKED) + "\n" + DiagnosisJson.toJson(REJECTED) + "\n");
    }

    @Test
    void aFailedWriteIsAnIoExceptionNotAJsonLibrarysOwn() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> DiagnosisJson.write(LOCKED, broken)).isExactlyInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(() -> DiagnosisJson.writeLines(List.of(LOCKED), broken)).isExactlyInstanceOf(IOException.class).hasMessage("disk full");
    }
}
