package dev.authdoctor.cli;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.engine.PackLint;
import dev.authdoctor.engine.RulePack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code authdoctor validate DIR}: does the pack load, and pass the checks? */
@Command(name = "validate",
        header = "Checks a rule pack: DRL errors with file and line, and the rule checks.", mixinStandardHelpOptions = true,
        description = {"Loads a rule pack the way every command does (with the built-in pack unless it replaces it or",
                "--no-builtin) and reports each DRL error with file and line, and each failed check: a rule without",
                "@id, a duplicate @id, a problem id neither in the catalog nor declared by the pack, a step without",
                "an actor. Warns, without failing, of pack code that uses System.exit, Runtime, ProcessBuilder, java.io",
                "or java.nio.file. It compiles the rules and runs none of them; diagnose, batch, consult, why-not,",
                "catalog and test do run them. Exit 0 when the pack is sound, 1 otherwise."})
final class ValidateCommand extends RulesCommand implements Callable<Integer> {

    /** Which commands execute pack code: a sound pack is not a safe one. */
    static final String PACK_CODE_NOTE = "note: DRL is code and Drools has no sandbox: diagnose, batch, consult, why-not, catalog and test"
            + " run pack code; validate runs none of it, it only compiles.";

    @Parameters(index = "0", paramLabel = "DIR", description = "The rule pack folder.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RulePack pack;
        Troubleshooter doctor;
        try {
            pack = PackCommands.pack(spec.commandLine(), dir);
            doctor = PackCommands.load(spec.commandLine(), rules, dir);
        } catch (RulePackException e) {
            return PackCommands.report(spec.commandLine().getErr(), e);
        }
        long count = doctor.rules().stream().filter(r -> pack.name().equals(r.pack())).count();
        out.printf("%s: %s %s is sound: %d rules, %d problems declared, loaded with %s%n", dir, pack.name(), pack.version(),
                count, pack.problems().size(), doctor.rulePacks());
        // The warnings are about what was compiled: the packs as the troubleshooter read them.
        PackLint.warnings(doctor.packs()).forEach(w -> out.println("  " + w));
        out.println(PACK_CODE_NOTE);
        out.flush();
        return Main.EXIT_OK;
    }
}
