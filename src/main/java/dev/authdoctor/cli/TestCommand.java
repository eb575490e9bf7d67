package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.engine.RulePackException;
import dev.authdoctor.testing.ScenarioFiles;
import dev.authdoctor.testing.ScenarioRunner;
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
                "Exit 0 when every scenario passes (and, with --require-full-coverage, every rule fired), 1 otherwise."})
final class TestCommand extends RulesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The rule pack folder.")
    Path dir;

    @Option(names = "--require-full-coverage", description = "Fail when a rule of the pack fires in no scenario.")
    boolean fullCoverage;

    @Override
    public Integer call() throws IOException {
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
            spec.commandLine().getErr().println("authdoctor: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Main.EXIT_INPUT;
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
        return report.failed() > 0 || uncovered || report.cases().isEmpty() ? Main.EXIT_INPUT : Main.EXIT_OK;
    }
}
