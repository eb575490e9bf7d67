package dev.authdoctor.cli;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code authdoctor diagnose}: one output line per input line, in order, exit codes as documented. */
class DiagnoseCommandTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static Schema diagnosisSchema;

    record Run(int exit, List<String> lines, String err) {
    }

    @BeforeAll
    static void loadContract() throws Exception {
        try (InputStream in = DiagnoseCommandTest.class.getResourceAsStream("/dev/authdoctor/io/diagnosis.schema.json")) {
            diagnosisSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("https://authdoctor.dev/schema/diagnosis.schema.json"), in, InputFormat.JSON);
        }
    }

    static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), args);
        List<String> lines = out.toString().isEmpty() ? List.of() : List.of(out.toString().split("\n", -1));
        return new Run(exit, lines.isEmpty() ? lines : lines.subList(0, lines.size() - 1), err.toString());
    }

    @Test
    void theExamplesGiveOneValidDiagnosisPerLineInInputOrder() throws Exception {
        List<String> input = Files.readAllLines(Path.of("examples/incidents.jsonl"));
        Run r = run("", "diagnose", "examples/incidents.jsonl");
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSameSizeAs(input);
        for (int i = 0; i < input.size(); i++) {
            JsonNode in = JSON.readTree(input.get(i));
            JsonNode out = JSON.readTree(r.lines().get(i));
            assertThat(out.get("incidentId").asString()).isEqualTo(in.get("id").asString());
            assertThat(out.get("outcome").asString()).isEqualTo("DIAGNOSED");
            assertThat(diagnosisSchema.validate(out)).as(r.lines().get(i)).isEmpty();
        }
    }

    @Test
    void badLinesAreRejectedNamingTheFieldAndTheRunGoesOn() {
        Run r = run("""
                {"id":"one","symptom":"TOKEN_NOT_WORKING"}
                {"id":"two","user":{"state":"ENABLED"}}
                not json at all
                {"id":"four","symptom":"ACTIVATION_EMAIL_NOT_RECEIVED"}
                """, "diagnose", "-");
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(4);
        JsonNode two = JSON.readTree(r.lines().get(1));
        assertThat(two.get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(two.get("incidentId").asString()).isEqualTo("two");
        assertThat(two.get("errors").get(0).asString()).isEqualTo("line 2: user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE");
        JsonNode three = JSON.readTree(r.lines().get(2));
        assertThat(three.get("incidentId").isNull()).isTrue();
        assertThat(three.get("errors").get(0).asString()).startsWith("line 3: not valid JSON");
        assertThat(JSON.readTree(r.lines().get(3)).get("outcome").asString()).isEqualTo("DIAGNOSED");
        r.lines().forEach(l -> assertThat(diagnosisSchema.validate(JSON.readTree(l))).isEmpty());
    }

    @Test
    void outputOrderEqualsInputOrderOverAShuffledMixOfRecords() {
        List<String> kinds = List.of(
                "\"symptom\":\"TOKEN_NOT_WORKING\"", "\"symptom\":\"OTHER\"", "\"user\":{\"state\":\"BAD\"}",
                "\"error\":{\"message\":\"Invalid Response.\"}", "\"symptom\":\"TOKEN_ACTIVATION_FAILED\"");
        List<String> ids = new ArrayList<>();
        StringBuilder in = new StringBuilder();
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            ids.add("id-" + i);
        }
        Collections.shuffle(ids, random);
        for (String id : ids) {
            in.append("{\"id\":\"").append(id).append("\",").append(kinds.get(random.nextInt(kinds.size()))).append("}\n");
        }
        Run r = run(in.toString(), "diagnose");
        assertThat(r.lines()).extracting(l -> JSON.readTree(l).get("incidentId").asString()).containsExactlyElementsOf(ids);
    }

    @Test
    void theSupportContactOptionNamesTheOrganisationsHelpDesk() {
        Run r = run("{\"id\":\"a\",\"symptom\":\"TOKEN_NOT_WORKING\"}\n", "diagnose", "--support-contact", "desk@example.org");
        assertThat(JSON.readTree(r.lines().get(0)).get("escalation").get("contact").asString()).isEqualTo("desk@example.org");
        assertThat(r.lines().get(0)).doesNotContain("entrust.com");
    }

    @Test
    void aMissingFileExitsWithOneAndSaysWhich(@TempDir Path dir) {
        Run r = run("", "diagnose", dir.resolve("nope.jsonl").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nope.jsonl").contains("no such file");
        assertThat(r.lines()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("", "diagnose", "--no-such-option").exit()).isEqualTo(2);
        assertThat(run("", "no-such-command").exit()).isEqualTo(2);
        assertThat(run("").exit()).isEqualTo(2);
        assertThat(run("", "diagnose", "a", "b").exit()).isEqualTo(2);
    }

    @Test
    void standardOutputCarriesNothingButDiagnoses() {
        Run r = run("{\"id\":\"a\",\"symptom\":\"TOKEN_NOT_WORKING\"}\n", "diagnose");
        assertThat(r.lines()).singleElement().asString().startsWith("{\"incidentId\":\"a\"");
        assertThat(r.err()).isEmpty();
    }
}
