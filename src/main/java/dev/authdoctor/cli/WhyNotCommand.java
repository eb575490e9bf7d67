package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.engine.WhyNot;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.RecordSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code authdoctor why-not PROBLEM_ID FILE}: which conditions of a problem's rules held for an incident. */
@Command(name = "why-not",
        header = "Says which conditions of a problem's rules held for an incident, and which did not.", mixinStandardHelpOptions = true,
        description = {"Says, for one incident (the first record of FILE), whether the problem was diagnosed and, for each",
                "rule that recognises it, which conditions held, which did not, and which unknown facts would decide it;",
                "then, when the ticket has words, its closest wording in the packs, the words present and missing, the score",
                "against the pack's thresholds, and any marker, fact or other candidate that stood in the way."})
final class WhyNotCommand extends RulesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROBLEM_ID", description = "A problem id, e.g. token-not-working.")
    String problemId;

    @Parameters(index = "1", paramLabel = "FILE", description = "The incident (JSON, or the first line of JSON Lines); '-' for standard input.")
    String file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RecordSource.Record record;
        try (InputStream in = "-".equals(file) ? main.stdin : Files.newInputStream(Path.of(file));
             RecordSource source = new JsonLinesSource(in, new IncidentReader())) {
            record = source.next();
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("authdoctor: cannot read " + file + ": no such file");
            spec.commandLine().getErr().flush();
            return Main.EXIT_INPUT;
        }
        if (record == null || record.result() instanceof ReadResult.Rejected) {
            spec.commandLine().getErr().println("authdoctor: " + file + ": " + (record == null ? "no incident"
                    : String.join("; ", ((ReadResult.Rejected) record.result()).errors())));
            spec.commandLine().getErr().flush();
            return Main.EXIT_INPUT;
        }
        var incident = ((ReadResult.Accepted) record.result()).incident();
        Troubleshooter doctor = rules.troubleshooter(spec.commandLine());
        WhyNot.Report report;
        try {
            report = doctor.whyNot(problemId, incident);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.println(problemId + (report.diagnosed() ? " was diagnosed" : " was not diagnosed") + " for incident " + incident.id() + ".");
        for (WhyNot.RuleResult r : report.rules()) {
            out.println();
            out.println("Rule " + r.ruleId() + (r.row() == null ? "" : " (row " + r.row() + ")") + (r.fired() ? " fired:" : " did not fire:"));
            for (WhyNot.ConditionResult c : r.conditions()) {
                String label = switch (c.status()) {
                    case HELD -> "held    ";
                    case NOT_HELD -> "not held";
                    case MISSING -> "unknown ";
                };
                out.println("  " + label + "  " + c.condition() + (c.status() == WhyNot.Status.HELD ? "" : ": " + c.detail()));
                if (!c.missing().isEmpty()) {
                    out.println("            would be decided by: " + String.join(", ", c.missing()));
                }
            }
        }
        if (report.text() != null) {
            out.println();
            out.println("In the ticket's words:");
            report.text().lines().forEach(l -> out.println("  " + l));
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
