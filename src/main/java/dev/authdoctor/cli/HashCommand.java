package dev.authdoctor.cli;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.engine.RulePack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code authdoctor hash DIR}: the value to pin a pack with. */
@Command(name = "hash",
        header = "Prints a rule pack's SHA-256, to pin it with --pack-sha256.", mixinStandardHelpOptions = true,
        description = {"Prints the SHA-256 of a rule pack's contents (every file in the folder), to pin it with --pack-sha256.",
                "A folder given as a symbolic link is hashed as the folder it points to; a pack holding a symbolic link is refused."})
final class HashCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The rule pack folder.")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RulePack pack;
        try {
            pack = PackCommands.pack(spec.commandLine(), dir);
        } catch (RulePackException e) {
            return PackCommands.report(spec.commandLine().getErr(), e);
        }
        spec.commandLine().getOut().println(pack.sha256() + "  " + dir);
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
