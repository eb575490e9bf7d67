package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options every command shares about the rules it runs, and the troubleshooter they make. */
final class RuleOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A rule pack folder to load after the built-in pack (repeatable). A pack named like the built-in one replaces it.")
    List<Path> packs = new ArrayList<>();

    @Option(names = "--no-builtin", description = "Leave the built-in pack out: only the --rules packs run.")
    boolean noBuiltin;

    @Option(names = "--pack-sha256", paramLabel = "[DIR=]HASH",
            description = "Refuse the pack in DIR unless its contents hash to HASH (see: authdoctor hash DIR). "
                    + "Without DIR=, pins the only --rules pack. Repeatable.")
    List<String> pins = new ArrayList<>();

    @Option(names = "--support-contact", paramLabel = "ADDRESS",
            description = "Where escalations go: your help desk instead of the packs' own or support@entrust.com.")
    String supportContact;

    Troubleshooter troubleshooter(CommandLine cl) {
        return builder(cl).build();
    }

    Troubleshooter.Builder builder(CommandLine cl) {
        Map<Path, String> pinned = pinned(cl);
        Troubleshooter.Builder b = Troubleshooter.builder();
        if (supportContact != null) {
            b.supportContact(supportContact);
        }
        if (noBuiltin) {
            if (packs.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--no-builtin needs at least one --rules DIR");
            }
            b.withoutBuiltIn();
        }
        for (Path p : packs) {
            if (!Files.isDirectory(p) && !Files.isRegularFile(p)) { // a folder, or an archive from `authdoctor compile`
                throw new CommandLine.ParameterException(cl, "--rules " + p + ": no such folder or pack archive");
            }
            String hash = pinned.get(p.toAbsolutePath().normalize());
            if (hash != null) {
                b.addPinnedPack(p, hash);
            } else {
                b.addPack(p);
            }
        }
        return b;
    }

    private Map<Path, String> pinned(CommandLine cl) {
        Map<Path, String> m = new LinkedHashMap<>();
        for (String pin : pins) {
            int eq = pin.lastIndexOf('=');
            Path dir;
            String hash;
            if (eq > 0) {
                dir = Path.of(pin.substring(0, eq));
                hash = pin.substring(eq + 1);
            } else if (packs.size() == 1) {
                dir = packs.get(0);
                hash = pin;
            } else {
                throw new CommandLine.ParameterException(cl, "--pack-sha256 " + pin + ": say which pack, as DIR=HASH");
            }
            if (!hash.matches("[0-9a-fA-F]{64}")) {
                throw new CommandLine.ParameterException(cl, "--pack-sha256 " + pin + ": a SHA-256 is 64 hexadecimal digits");
            }
            Path key = dir.toAbsolutePath().normalize();
            if (packs.stream().noneMatch(p -> p.toAbsolutePath().normalize().equals(key))) {
                throw new CommandLine.ParameterException(cl, "--pack-sha256 " + pin + ": " + dir + " is not one of the --rules folders");
            }
            m.put(key, hash);
        }
        return m;
    }
}
