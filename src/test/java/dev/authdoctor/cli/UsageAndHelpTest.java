package dev.authdoctor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage mistakes are one line plus where help is; every command has a version; help text never cuts a word. */
class UsageAndHelpTest {

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aBadPinIsOneLineAndWhereHelpIs() {
        Run r = run("diagnose", "--pack-sha256", "zz", "--rules", "packs/idaas-extended", "examples/incidents.jsonl");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("authdoctor: --pack-sha256 zz: a SHA-256 is 64 hexadecimal digits",
                "Try 'authdoctor diagnose --help' for more information.");
    }

    @Test
    void anUnknownProblemIdIsOneLineAndWhereHelpIs() {
        Run r = run("why-not", "no-such-problem", "examples/incidents.jsonl");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("authdoctor: no rule pack knows the problem no-such-problem");
        assertThat(r.errLines().get(1)).isEqualTo("Try 'authdoctor why-not --help' for more information.");
    }

    @Test
    void anUnknownOptionIsOneLineAndWhereHelpIs() {
        Run r = run("batch", "--colour", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("Usage:");
        assertThat(r.errLines()).last().isEqualTo("Try 'authdoctor batch --help' for more information.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "batch", "validate", "test", "catalog", "hash", "consult", "why-not"})
    void everyCommandPrintsTheVersion(String command) {
        Run r = run(command, "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("authdoctor ").isEqualTo(run("--version").out());
    }

    /** "diagnoses." at the end of a line and "csv" at the start of the next was a file name cut in two. */
    @ParameterizedTest
    @ValueSource(strings = {"diagnose", "batch", "validate", "test", "catalog", "hash", "consult", "why-not"})
    void helpNeverCutsAWordAfterAPeriod(String command) {
        Run r = run(command, "--help");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String next = lines.get(i + 1).strip();
            boolean cut = lines.get(i).endsWith(".") && !next.isEmpty() && Character.isLowerCase(next.charAt(0));
            assertThat(cut).as("lines %d-%d of %s --help:%n%s%n%s", i + 1, i + 2, command, lines.get(i), lines.get(i + 1)).isFalse();
        }
    }

    @Test
    void batchHelpKeepsFileNamesWhole() {
        String help = run("batch", "--help").out();
        assertThat(help).contains("diagnoses.csv", "diagnoses.jsonl", "rejects.jsonl", ".csv.gz")
                .contains("rejects.jsonl (each rejected record with file, line, reason");
    }

    /** The README's --idaas-user example runs on the user object shipped in examples/. */
    @Test
    void theShippedIdaasUserExampleDiagnoses() {
        Run r = run("diagnose", "--idaas-user", "examples/idaas-user.json", "--symptom", "TOKEN_NOT_WORKING");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"outcome\":\"DIAGNOSED\"", "\"causes\":[\"AUTHENTICATOR_INACTIVE\"]");
    }

    @Test
    void wrappingBreaksAtSpacesOnly() {
        assertThat(HelpText.wrap("for CSV input, diagnoses.csv and more", 20))
                .containsExactly("for CSV input,", "diagnoses.csv and", "more");
        assertThat(HelpText.paragraphs(new String[]{"writes to DIR:", "diagnoses.csv.", "Next paragraph."}, 80))
                .isEqualTo("writes to DIR: diagnoses.csv." + System.lineSeparator() + "Next paragraph." + System.lineSeparator());
    }
}
