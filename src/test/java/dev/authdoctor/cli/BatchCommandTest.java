package dev.authdoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code authdoctor batch}: its exit codes and what it prints. */
public class BatchCommandTest {

    public record Run(int exit, String out, String err) {
    }

    public static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aRunWithRejectsCompletesWithZeroAndSaysWhatItDid(@TempDir Path dir) {
        Run r = run("", "batch", "examples/incidents.csv", "--out", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("15 read, 13 diagnosed, 1 no match, 1 rejected");
        assertThat(r.err()).as("no progress display when standard error is not a terminal").doesNotContain("\r", "records/s");
        assertThat(dir.resolve("diagnoses.jsonl")).exists();
        assertThat(dir.resolve("diagnoses.csv")).exists();
        assertThat(dir.resolve("report.html")).exists();
    }

    @Test
    void standardInputIsReadAsJsonLinesByDefault(@TempDir Path dir) throws Exception {
        Run r = run("{\"id\":\"a\",\"symptom\":\"TOKEN_NOT_WORKING\"}\n", "batch", "-", "--out", dir.toString(), "--quiet");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(dir.resolve("diagnoses.jsonl"))).startsWith("{\"incidentId\":\"a\",\"outcome\":\"DIAGNOSED\"");
    }

    @Test
    void theFormatIsNamedInAnyCaseAndStandardInputCanBeCsv(@TempDir Path dir) throws Exception {
        Run r = run(Files.readString(Path.of("examples/incidents.csv")), "batch", "-", "--format", "csv", "--out", dir.toString(), "-q");
        assertThat(r.exit()).isZero();
        assertThat(Files.readAllLines(dir.resolve("diagnoses.jsonl"))).hasSize(14);
        assertThat(dir.resolve("diagnoses.csv")).exists();
    }

    @Test
    void tooManyRejectsExitWithThree(@TempDir Path dir) {
        Run r = run("", "batch", "examples/incidents.csv", "--out", dir.toString(), "--max-rejects", "0", "-q");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("more than --max-rejects 0").contains("--resume");
    }

    @Test
    void aDamagedStateSaysSoAndRestartStartsOver(@TempDir Path dir) throws Exception {
        String out = dir.resolve("o").toString();
        assertThat(run("", "batch", "examples/incidents.jsonl", "--out", out, "-q", "--checkpoint-every", "5").exit()).isZero();
        Files.writeString(dir.resolve("o").resolve(".authdoctor-batch.state"), "{\"format\":2,\"complete\":tru");
        Run resume = run("", "batch", "examples/incidents.jsonl", "--out", out, "-q", "--resume");
        assertThat(resume.exit()).isEqualTo(1);
        assertThat(resume.err()).contains(".authdoctor-batch.state is damaged: it is not valid JSON").contains("--restart")
                .doesNotContain("Exception", "jackson");
        assertThat(run("", "batch", "examples/incidents.jsonl", "--out", out, "--resume", "--restart").exit()).isEqualTo(2);
        assertThat(run("", "batch", "examples/incidents.jsonl", "--out", out, "--checkpoint-every", "0").exit()).isEqualTo(2);
        Run restart = run("", "batch", "examples/incidents.jsonl", "--out", out, "-q", "--restart");
        assertThat(restart.exit()).isZero();
        assertThat(Files.readAllLines(dir.resolve("o").resolve("diagnoses.jsonl"))).hasSize(13);
        assertThat(run("", "batch", "examples/incidents.jsonl", "--out", out, "-q", "--resume").exit()).isZero();
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) {
        assertThat(run("", "batch", "examples/incidents.csv").exit()).as("--out is required").isEqualTo(2);
        assertThat(run("", "batch", "--out", dir.toString()).exit()).as("an input is required").isEqualTo(2);
        assertThat(run("", "batch", "x.csv", "--out", dir.toString(), "--threads", "0").exit()).isEqualTo(2);
        assertThat(run("", "batch", "x.csv", "--out", dir.toString(), "--format", "xml").exit()).isEqualTo(2);
        assertThat(run("", "batch", "x.csv", "--out", dir.toString(), "--map", dir.resolve("none.json").toString()).exit()).isEqualTo(2);
        assertThat(run("", "batch", "-", "--out", dir.toString(), "--resume").exit()).as("no resume from stdin").isEqualTo(2);
        assertThat(run("", "batch", "examples/incidents.jsonl", "--out", dir.resolve("a").toString(), "-q").exit()).isZero();
        Run again = run("", "batch", "examples/incidents.jsonl", "--out", dir.resolve("a").toString(), "-q");
        assertThat(again.exit()).as("an output folder in use").isEqualTo(2);
        assertThat(again.err()).contains("--resume");
    }

    @Test
    void aMissingInputOrAnUnreadableHeaderExitsWithOne(@TempDir Path dir) throws Exception {
        Run missing = run("", "batch", dir.resolve("nope.jsonl").toString(), "--out", dir.resolve("o1").toString(), "-q");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.jsonl").contains("no such file");
        Files.writeString(dir.resolve("bad.csv"), "Number,Short description\nX,y\n");
        Run header = run("", "batch", dir.resolve("bad.csv").toString(), "--out", dir.resolve("o2").toString(), "-q");
        assertThat(header.exit()).isEqualTo(1);
        assertThat(header.err()).contains("\"Number\", \"Short description\" are not fields of the incident contract").contains("--map");
    }

    @Test
    void aBadMapFileIsAUsageErrorThatSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Path map = dir.resolve("map.json");
        Files.writeString(map, "{\"columns\":{\"Number\":\"ticket.id\"}}");
        Run r = run("", "batch", "examples/ticket-export.csv", "--map", map.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("columns.\"Number\": \"ticket.id\" is not a field of the incident contract");
    }
}
