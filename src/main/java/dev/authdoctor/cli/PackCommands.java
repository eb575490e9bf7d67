package dev.authdoctor.cli;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.engine.RulePack;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the pack commands share: loading the pack under test with the others, and reporting why it failed. */
final class PackCommands {

    private PackCommands() {
    }

    /** The pack in {@code dir}, checked to be a folder with a manifest. */
    static RulePack pack(CommandLine cl, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, dir + ": no such folder");
        }
        if (!Files.isRegularFile(dir.resolve(RulePack.MANIFEST))) {
            throw new CommandLine.ParameterException(cl, dir + " is not a rule pack: it has no " + RulePack.MANIFEST);
        }
        return RulePack.fromFolder(dir);
    }

    /** A troubleshooter with the common options' packs and the pack in {@code dir} last. */
    static Troubleshooter load(CommandLine cl, RuleOptions options, Path dir) {
        return options.builder(cl).addPack(dir).build();
    }

    /** Prints why packs did not load, one problem a line, and gives the exit code for it. */
    static int report(PrintWriter err, RulePackException e) {
        err.println("authdoctor: " + e.getMessage().lines().findFirst().orElse("the rule packs do not load"));
        e.problems().forEach(p -> err.println("  " + p));
        err.flush();
        return Main.EXIT_INPUT;
    }
}
