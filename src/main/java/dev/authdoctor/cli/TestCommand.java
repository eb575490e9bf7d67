package dev.authdoctor.cli;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.testing.ScenarioFiles;
import dev.authdoctor.testing.ScenarioRunner;
import dev.authdoctor.testing.TicketReportJson;
import dev.authdoctor.testing.TicketRunner;
import dev.authdoctor.testing.mutation.MutationReport;
import dev.authdoctor.testing.mutation.PackMutator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code authdoctor test DIR}: runs a pack's scenarios and reports rule coverage. */
@Command(name = "test",
        header = "Runs a rule pack's scenarios and reports rule coverage.", mixinStandardHelpOptions = true,
        description = {"Runs the scenarios in DIR/scenarios/*.yaml against the pack (with the built-in pack unless it",
                "replaces it or --no-builtin), prints each failure with expected against actual, and ends with rule",
                "coverage: the pack's rules no scenario made fire, by id.",
                "Then, when DIR/tickets/*.yaml holds labelled tickets, diagnoses each and reports per split (file name)",
                "and per problem precision and recall (NO_MATCH is a class of its own), with the tickets missed.",
                "Exit 0 when every scenario passes (and, with --require-full-coverage, every rule fired), 1 otherwise.",
                "With --mutate: mutation testing instead; exit 1 below --min-score."})
final class TestCommand extends RulesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The rule pack folder.")
    Path dir;

    @Option(names = "--require-full-coverage", description = "Fail when a rule of the pack fires in no scenario.")
    boolean fullCoverage;

    @Option(names = "--tickets-only", description = "Run only the labelled tickets, not the scenarios.")
    boolean ticketsOnly;

    @Option(names = "--json", description = "Write the tickets' figures as one JSON object instead of text.")
    boolean json;

    @Option(names = "--min-precision", paramLabel = "P", description = "Fail when a split's precision is below P (0..1).")
    Double minPrecision;

    @Option(names = "--min-recall", paramLabel = "R", description = "Fail when a split's recall is below R (0..1).")
    Double minRecall;

    @Option(names = "--mutate", description = {"Mutation testing: make mutants of the pack's DRL (flipped comparisons, negated and dropped",
            "conditions, deleted rules, swapped step orders, changed step texts, actors, escalation conditions and thresholds),",
            "compile each in memory, run the scenarios against it, and list every mutant they let through."})
    boolean mutate;

    @Option(names = "--min-score", paramLabel = "PERCENT", description = "With --mutate: fail (exit 1) when the mutation score is below PERCENT.")
    Double minScore;

    @Option(names = "--format", paramLabel = "FORMAT", description = "With --mutate: text (default) or json.")
    String format = "text";

    @Option(names = "--threads", paramLabel = "N", description = "With --mutate: mutants compiled and run at once (default: all cores).")
    Integer threads;

    @Option(names = "--files", paramLabel = "GLOB", split = ",", description = {"With --mutate: mutate only the pack's DRL files",
            "matching these names or globs (row-09*,plan.drl); the scenarios still run whole."})
    java.util.List<String> files;

    @Override
    public Integer call() throws IOException {
        if (mutate) {
            return mutate();
        }
        if (minScore != null || threads != null || files != null || !"text".equals(format)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-score, --format, --threads and --files need --mutate");
        }
        if (ticketsOnly || json) {
            try {
                RulePack p = PackCommands.pack(spec.commandLine(), dir);
                Troubleshooter d = PackCommands.load(spec.commandLine(), rules, dir);
                java.util.List<TicketRunner.Ticket> tickets = TicketRunner.read(dir);
                if (tickets.isEmpty()) {
                    return inputError("no tickets in " + dir.resolve(TicketRunner.FOLDER));
                }
                return tickets(p, d, tickets);
            } catch (RulePackException e) {
                return PackCommands.report(spec.commandLine().getErr(), e);
            } catch (IllegalArgumentException e) {
                return inputError(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        RulePack pack;
        Troubleshooter doctor;
        ScenarioRunner.Report report;
        try {
            pack = PackCommands.pack(spec.commandLine(), dir);
            doctor = PackCommands.load(spec.commandLine(), rules, dir);
            report = new ScenarioRunner().run(doctor, pack.name(), ScenarioFiles.ofPack(dir));
        } catch (RulePackException e) {
            return PackCommands.report(spec.commandLine().getErr(), e);
        } catch (IllegalArgumentException e) {
            return inputError(e.getMessage());
        }
        for (ScenarioRunner.CaseResult c : report.cases()) {
            if (c.passed()) {
                out.println("PASS  " + c.scenario().file() + ": " + c.scenario().name());
            } else {
                out.println("FAIL  " + c.scenario().file() + ": " + c.scenario().name());
                c.failures().forEach(f -> out.println("      " + f));
            }
        }
        int total = report.fired().size() + report.neverFired().size();
        out.printf("coverage: %d of %d rules of %s fired%s%n", report.fired().size(), total, pack.name(),
                report.neverFired().isEmpty() ? "" : "; never fired: " + String.join(", ", report.neverFired()));
        if (report.cases().isEmpty()) {
            out.println("no scenarios in " + dir.resolve(RulePack.SCENARIOS));
        }
        out.printf("%d passed, %d failed%n", report.passed(), report.failed());
        out.flush();
        boolean uncovered = fullCoverage && !report.neverFired().isEmpty();
        int ticketsExit = Main.EXIT_OK;
        try {
            java.util.List<TicketRunner.Ticket> tickets = TicketRunner.read(dir);
            if (!tickets.isEmpty()) {
                ticketsExit = tickets(pack, doctor, tickets);
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("authdoctor: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Main.EXIT_INPUT;
        }
        return report.failed() > 0 || uncovered || report.cases().isEmpty() || ticketsExit != Main.EXIT_OK ? Main.EXIT_INPUT : Main.EXIT_OK;
    }

    /** Mutation testing of the pack: the survivors, the counts and the score; exit 1 below {@code --min-score}. */
    private int mutate() {
        if (!"text".equals(format) && !"json".equals(format)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: expected text or json, not " + format);
        }
        if (minScore != null && (minScore < 0 || minScore > 100)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--min-score: a percentage from 0 to 100, not " + minScore);
        }
        if (ticketsOnly || json || fullCoverage) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mutate runs the scenarios only: leave out --tickets-only, --json and --require-full-coverage");
        }
        PrintWriter out = spec.commandLine().getOut();
        MutationReport report;
        try {
            PackCommands.pack(spec.commandLine(), dir);
            PackCommands.load(spec.commandLine(), rules, dir); // the same checks as every load: pins, lint, names
            PackMutator run = PackMutator.of(dir).withPacks(rules.packs);
            if (rules.noBuiltin) {
                run.withoutBuiltIn();
            }
            if (threads != null) {
                run.threads(threads);
            }
            if (files != null) {
                run.onlyFiles(files);
            }
            report = run.run();
        } catch (RulePackException e) {
            return PackCommands.report(spec.commandLine().getErr(), e);
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            return inputError(e.getMessage());
        }
        out.print("json".equals(format) ? report.json() + System.lineSeparator() : report.text());
        out.flush();
        return minScore != null && report.score() < minScore ? Main.EXIT_INPUT : Main.EXIT_OK;
    }

    /** Diagnoses the labelled tickets and prints the figures; an exit code for the thresholds asked. */
    private int tickets(RulePack pack, Troubleshooter doctor, java.util.List<TicketRunner.Ticket> tickets) {
        PrintWriter out = spec.commandLine().getOut();
        java.util.List<TicketRunner.SplitReport> reports = TicketRunner.run(doctor, tickets);
        if (json) {
            out.println(TicketReportJson.write(pack.name(), reports));
        } else {
            for (TicketRunner.SplitReport r : reports) {
                out.printf("tickets %s (%s): %d of %d right; precision %.3f, recall %.3f%n", r.split(), pack.name(), r.right(), r.tickets(),
                        r.precision(), r.recall());
                out.printf("  %-45s %8s %9s %9s %7s%n", "problem", "tickets", "precision", "recall", "missed");
                for (TicketRunner.Score s : r.perProblem()) {
                    if (s.expected() == 0 && s.label().startsWith("REJECTED")) {
                        continue;
                    }
                    out.printf("  %-45s %8d %9.3f %9.3f %7d%n", s.label().equals(TicketRunner.NONE) ? "none (NO_MATCH)" : s.label(),
                            s.expected(), s.precision(), s.recall(), s.expected() - s.correct());
                }
                for (TicketRunner.Outcome o : r.missed()) {
                    out.printf("  MISSED %s: expected %s%s, got %s%s%n", o.ticket().id(), o.ticket().expect(),
                            o.ticket().cause() == null ? "" : " (" + o.ticket().cause() + ")", o.got(),
                            o.causes().isEmpty() ? "" : " " + o.causes());
                }
            }
        }
        out.flush();
        boolean below = reports.stream().anyMatch(r -> (minPrecision != null && r.precision() < minPrecision)
                || (minRecall != null && r.recall() < minRecall));
        return below ? Main.EXIT_INPUT : Main.EXIT_OK;
    }

    private int inputError(String message) {
        spec.commandLine().getErr().println("authdoctor: " + message);
        spec.commandLine().getErr().flush();
        return Main.EXIT_INPUT;
    }
}
