package dev.authdoctor.cli;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.engine.PackArchive;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code authdoctor compile DIR [--out FILE]}: a pack archive that loads without compiling, for the lean runtime. */
@Command(name = "compile",
        header = "Precompiles a rule pack into an archive that loads fast, also in the lean runtime.", mixinStandardHelpOptions = true,
        description = {"Compiles the pack's DRL to Drools' executable model and writes one archive: the pack's files and the "
                + "compiled rules. Add the archive like a folder (--rules FILE, Troubleshooter.builder().addPack(file)); it needs "
                + "no DRL compiler, so the lean runtime (dev.authdoctor:authdoctor-runtime) can load it.",
                "Prints the archive's SHA-256, over the compiled rules too: pin it with --pack-sha256 FILE=HASH or addPinnedPack."})
final class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The rule pack folder.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the archive (default: the folder's name + .pack.zip, here).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PackCommands.pack(spec.commandLine(), dir); // a clear usage error for a missing folder or manifest
        Path target = out != null ? out : Path.of(dir.toAbsolutePath().normalize().getFileName() + ".pack.zip");
        String hash;
        try {
            hash = PackArchive.write(dir, target);
        } catch (RulePackException e) {
            return PackCommands.report(spec.commandLine().getErr(), e);
        }
        spec.commandLine().getOut().println(hash + "  " + target);
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
