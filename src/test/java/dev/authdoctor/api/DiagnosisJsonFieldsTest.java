package dev.authdoctor.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every field DiagnosisJson writes, byte for byte, from hand-made diagnoses: the optional parts (words heard,
 * explanations, a row, a reason, errors, rule packs) each appear exactly when there is something to say.
 */
class DiagnosisJsonFieldsTest {

    static final Diagnosis FULL = new Diagnosis("INC-1", Diagnosis.Outcome.DIAGNOSED,
            List.of(new Diagnosis.Problem("p1", "Title one", List.of("C1", "C2"), List.of("r1"),
                            List.of(new Diagnosis.Explanation("r1", "row 1", List.of("user.locked = true", "user.state = ACTIVE"))),
                            new Diagnosis.TextEvidence(0.75, "description", List.of("locked", "token"), "en")),
                    new Diagnosis.Problem("p2", "Title two", List.of(), List.of())),
            List.of(new Diagnosis.Step(1, "s1", Actor.USER, "Unlock \"it\"", "p1", new Diagnosis.Explanation("r1", null, List.of("x = 1"))),
                    new Diagnosis.Step(2, "s2", Actor.SUPPORT, "Call", "p2")),
            new Diagnosis.Escalation("help@example.com", EscalationCondition.IF_PERSISTS, false, "the steps may not be enough"),
            List.of(), List.of("pack-a 1.0", "pack-b 2.1"), List.of("r1", "r2"));

    @Test
    void aFullDiagnosisIsWrittenFieldByFieldInTheContractsOrder() {
        assertThat(DiagnosisJson.toJson(FULL)).isEqualTo("{\"incidentId\":\"INC-1\",\"outcome\":\"DIAGNOSED\",\"problems\":["
                + "{\"id\":\"p1\",\"title\":\"Title one\",\"causes\":[\"C1\",\"C2\"],\"rules\":[\"r1\"],"
                + "\"evidence\":\"TEXT\",\"confidence\":0.75,\"field\":\"description\",\"matchedTerms\":[\"locked\",\"token\"],\"language\":\"en\","
                + "\"explanations\":[{\"rule\":\"r1\",\"row\":\"row 1\",\"because\":[\"user.locked = true\",\"user.state = ACTIVE\"]}]},"
                + "{\"id\":\"p2\",\"title\":\"Title two\",\"causes\":[],\"rules\":[]}],"
                + "\"steps\":[{\"order\":1,\"id\":\"s1\",\"actor\":\"USER\",\"text\":\"Unlock \\\"it\\\"\",\"problemId\":\"p1\","
                + "\"explanation\":{\"rule\":\"r1\",\"because\":[\"x = 1\"]}},"
                + "{\"order\":2,\"id\":\"s2\",\"actor\":\"SUPPORT\",\"text\":\"Call\",\"problemId\":\"p2\"}],"
                + "\"escalation\":{\"contact\":\"help@example.com\",\"condition\":\"IF_PERSISTS\",\"now\":false,"
                + "\"reason\":\"the steps may not be enough\"},"
                + "\"rulePacks\":[\"pack-a 1.0\",\"pack-b 2.1\"]}");
    }

    @Test
    void anEscalationDueNowWithoutAReasonAndNoRulePacks() {
        Diagnosis d = new Diagnosis("INC-2", Diagnosis.Outcome.DIAGNOSED, List.of(new Diagnosis.Problem("p", "T", List.of(), List.of("r"))),
                List.of(), new Diagnosis.Escalation("SUPER_ADMINISTRATOR", EscalationCondition.IMMEDIATE, true, null), List.of(), List.of(),
                List.of("r"));
        assertThat(DiagnosisJson.toJson(d)).isEqualTo("{\"incidentId\":\"INC-2\",\"outcome\":\"DIAGNOSED\",\"problems\":["
                + "{\"id\":\"p\",\"title\":\"T\",\"causes\":[],\"rules\":[\"r\"]}],\"steps\":[],"
                + "\"escalation\":{\"contact\":\"SUPER_ADMINISTRATOR\",\"condition\":\"IMMEDIATE\",\"now\":true}}");
    }

    @Test
    void noMatchHasANullEscalationAndARejectionItsErrors() {
        Diagnosis none = new Diagnosis("INC-3", Diagnosis.Outcome.NO_MATCH, List.of(), List.of(), null, List.of(), List.of("pack-a 1.0"),
                List.of());
        assertThat(DiagnosisJson.toJson(none)).isEqualTo("{\"incidentId\":\"INC-3\",\"outcome\":\"NO_MATCH\",\"problems\":[],\"steps\":[],"
                + "\"escalation\":null,\"rulePacks\":[\"pack-a 1.0\"]}");
        assertThat(DiagnosisJson.toJson(Diagnosis.rejected(null, List.of("id: is required", "user.state: bad"))))
                .isEqualTo("{\"incidentId\":null,\"outcome\":\"REJECTED\",\"problems\":[],\"steps\":[],\"escalation\":null,"
                        + "\"errors\":[\"id: is required\",\"user.state: bad\"]}");
    }

    @Test
    void everyWayOutWritesTheSameBytesAndALineEndsWithOneNewline() throws IOException {
        String json = DiagnosisJson.toJson(FULL);
        StringWriter w = new StringWriter();
        DiagnosisJson.writeLine(FULL, w);
        assertThat(w).hasToString(json + "\n");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DiagnosisJson.write(FULL, b);
        assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void aFailedStreamIsAnIoExceptionNotAJsonLibrarysOwn() {
        IOException full = new IOException("disk full");
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        };
        // the stream's own exception, not a new one with the same words
        assertThatThrownBy(() -> DiagnosisJson.write(FULL, broken)).isSameAs(full);
        assertThatThrownBy(() -> DiagnosisJson.writeLines(List.of(FULL), broken)).isExactlyInstanceOf(IOException.class)
                .hasMessage("disk full");
    }
}
