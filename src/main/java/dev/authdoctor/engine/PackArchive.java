package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A rule pack precompiled for the lean runtime: one zip file holding the pack's files as they were, plus its
 * rules compiled to Drools' executable model ({@code precompiled/rules.kjar}). Added like a folder
 * ({@code Troubleshooter.Builder.addPack}, {@code --rules}); it loads without compiling any DRL. Its hash is
 * a folder's (see {@link RulePack.Snapshot}) taken over every entry, the compiled rules included: a pin on it
 * covers the code that runs, not only the DRL it came from.
 */
public final class PackArchive {

    static final String KJAR = "precompiled/rules.kjar";

    private PackArchive() {
    }

    /** Whether {@code path} is a pack archive rather than a pack folder: a regular file. */
    public static boolean isArchive(Path path) {
        return Files.isRegularFile(path);
    }

    /** A pack folder's or archive's contents, read once; an archive's precompiled rules are made known for them. */
    public static RulePack.Snapshot snapshot(Path path) {
        return isArchive(path) ? read(path) : RulePack.Snapshot.of(path);
    }

    /**
     * Compiles the pack folder and writes its archive to {@code out}, replacing it whole (written aside, then moved).
     *
     * @return the pack's hash, to pin the archive with
     * @throws RulePackException naming file and line when the pack does not load or its rules do not compile
     */
    public static String write(Path folder, Path out) {
        RulePack.Snapshot snapshot = RulePack.Snapshot.of(folder);
        RulePack pack = RulePack.fromSnapshot(snapshot);
        RuleBase.compile(List.of(pack), false); // the DRL compiler's errors name file and line; the model's do not
        byte[] kjar = Precompile.kjar(pack, org.kie.api.KieServices.Factory.get()
                .newReleaseId("dev.authdoctor.packs", pack.name() + "-" + pack.sha256().substring(0, 16), "1.0.0"));
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                for (Map.Entry<String, byte[]> f : snapshot.files().entrySet()) {
                    if (!f.getKey().equals(KJAR)) {
                        put(zip, f.getKey(), f.getValue());
                    }
                }
                put(zip, KJAR, kjar);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RulePackException("cannot write the pack archive " + out, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // only the temporary file of a failed write is left
            }
        }
        return read(out).sha256();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** An archive's entries, as a snapshot named after the archive; its precompiled rules are made known for that hash. */
    static RulePack.Snapshot read(Path archive) {
        try (FileSystem zip = FileSystems.newFileSystem(archive)) {
            RulePack.Snapshot inside = RulePack.Snapshot.of(zip.getPath("/"));
            byte[] kjar = inside.files().get(KJAR);
            if (kjar == null) {
                throw new RulePackException("not a pack archive: " + archive + " holds no " + KJAR + " (make one with: authdoctor compile DIR)", List.of());
            }
            if (PrecompiledRules.forPack(inside.sha256()) == null) {
                PrecompiledRules.register(inside.sha256(), PrecompiledRules.of(kjar));
            }
            return new RulePack.Snapshot(archive, inside.files(), inside.sha256());
        } catch (IOException | java.nio.file.ProviderNotFoundException e) {
            throw new RulePackException("cannot read pack archive " + archive + " (make one with: authdoctor compile DIR)", e);
        } catch (RulePackException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RulePackException("pack archive " + archive + " is unusable: " + e.getMessage(), e);
        }
    }
}
