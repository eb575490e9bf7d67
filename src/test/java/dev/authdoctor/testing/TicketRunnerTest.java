package dev.authdoctor.testing;

import dev.authdoctor.Doctor;
import dev.authdoctor.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pack's labelled tickets: read, diagnosed and scored per split and per problem, NO_MATCH a class of its own. */
class TicketRunnerTest {

    @TempDir
    Path dir;

    private Path pack(String tickets) throws IOException {
        Path p = dev.authdoctor.TestPacks.write(dir.resolve("pack"), "1.0.0");
        Files.createDirectories(p.resolve(TicketRunner.FOLDER));
        Files.writeString(p.resolve(TicketRunner.FOLDER).resolve("examples.yaml"), tickets);
        return p;
    }

    private static final String TICKETS = """
            - id: ex-1
              expect: ga-invalid-key
              given: {error: {message: "Invalid key - The key sequence of numbers and letters is invalid."}}
            - id: ex-2
              expect: ga-invalid-key
              given: {description: "my printer is out of toner"}
            - id: ex-3
              expect: none
              given: {description: "the VPN drops every ten minutes"}
            - id: ex-4
              expect: none
              given: {error: {message: "An identity with the specified name already exists."}}
            - id: ex-5
              expect: token-not-working
              cause: CLOCK_DRIFT
              given: {symptom: TOKEN_NOT_WORKING, device: {clockSkewSeconds: 20}}
            """;

    @Test
    void eachProblemGetsPrecisionAndRecallAndTheMissesAreListed() throws IOException {
        List<TicketRunner.SplitReport> reports = TicketRunner.run(Doctor.DOCTOR, TicketRunner.read(pack(TICKETS)));
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.split()).isEqualTo("examples");
            assertThat(r.tickets()).isEqualTo(5);
            assertThat(r.right()).isEqualTo(2); // ex-1 and ex-3
            assertThat(r.missed()).extracting(o -> o.ticket().id()).containsExactly("ex-2", "ex-4", "ex-5");
            assertThat(score(r, "ga-invalid-key")).satisfies(s -> {
                assertThat(s.recall()).isEqualTo(0.5);
                assertThat(s.precision()).isEqualTo(1.0);
            });
            assertThat(score(r, "none")).satisfies(s -> {
                assertThat(s.expected()).isEqualTo(2);
                assertThat(s.predicted()).isEqualTo(2); // ex-2 (a miss) and ex-3
                assertThat(s.precision()).isEqualTo(0.5);
            });
            // the right problem with the wrong cause is a miss
            assertThat(score(r, "token-not-working").correct()).isZero();
            // problems named: ex-1 right, ex-4 wrong (an off-topic ticket got a problem), ex-5 wrong cause
            assertThat(r.precision()).isEqualTo(1.0 / 3);
            assertThat(r.recall()).isEqualTo(1.0 / 3);
        });
    }

    private static TicketRunner.Score score(TicketRunner.SplitReport r, String label) {
        return r.perProblem().stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aTicketWithoutItsLabelIsNamed() throws IOException {
        Path p = pack("- id: ex-1\n  given: {description: x}\n");
        assertThatThrownBy(() -> TicketRunner.read(p)).hasMessageContaining("tickets/examples.yaml: ticket 1 (ex-1): id, expect and given are required");
    }

    @Test
    void theTestCommandReportsTicketsAsJson() throws IOException {
        Path p = pack(TICKETS);
        StringWriter out = new StringWriter();
        int exit = Main.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(new StringWriter()),
                "test", p.toString(), "--json");
        assertThat(exit).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(out.toString());
        assertThat(root.path("splits").get(0).path("right").asInt()).isEqualTo(2);
        assertThat(root.path("splits").get(0).path("missed")).hasSize(3);
        int failing = Main.run(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "test", p.toString(), "--tickets-only", "--min-recall", "0.9");
        assertThat(failing).isEqualTo(1);
    }
}
