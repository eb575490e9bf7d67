package dev.authdoctor.engine;

import dev.authdoctor.TestPacks;
import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a pin guarantees: the bytes hashed are the bytes compiled, whatever the folder is reached through
 * and whatever changes on disk meanwhile. Policy: a pack root that is a symbolic link is resolved once;
 * a symbolic link anywhere inside a pack is refused.
 */
public class PackTrustTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** Makes {@code link} point at {@code target}; skips the test where the file system refuses symbolic links. */
    public static void symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            assumeTrue(false, "symbolic links are not available here: " + e);
        }
    }

    @Test
    void aSymlinkedPackFolderHashesLikeItsTarget(@TempDir Path tmp) throws Exception {
        Path real = TestPacks.write(tmp.resolve("pk2"), "1");
        Path link = tmp.resolve("pklink");
        symlink(link, real.getFileName());
        assertThat(RulePack.hashOf(link)).isNotEqualTo(EMPTY_SHA256).isEqualTo(RulePack.hashOf(real));
        assertThat(RulePack.fromFolder(link).sha256()).isEqualTo(RulePack.hashOf(real));
    }

    @Test
    void anEditedTargetBehindASymlinkedPackFolderFailsItsPin(@TempDir Path tmp) throws Exception {
        Path real = TestPacks.write(tmp.resolve("pk2"), "1");
        Path link = tmp.resolve("pklink");
        symlink(link, real.getFileName());
        String pin = RulePack.hashOf(link);
        assertThat(Troubleshooter.builder().addPinnedPack(link, pin).build().rulePacks()).contains("test-pack 1");
        TestPacks.write(real, "2");
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(link, pin).build())
                .isInstanceOf(RulePackException.class).hasMessageContaining("not the pinned " + pin);
        // Nor does the hash of nothing pin it: that was what the hash of a symlinked folder used to be.
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(link, EMPTY_SHA256).build())
                .isInstanceOf(RulePackException.class).hasMessageContaining("not the pinned " + EMPTY_SHA256);
    }

    @Test
    void aSymlinkedFileInsideAPackIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path pack = TestPacks.write(tmp.resolve("pack"), "1");
        Path outside = tmp.resolve("outside.drl");
        Files.writeString(outside, "package test.rules;\n");
        symlink(pack.resolve("extra.drl"), outside);
        assertThatThrownBy(() -> RulePack.fromFolder(pack)).isInstanceOf(RulePackException.class)
                .hasMessageContaining(pack.resolve("extra.drl").toString()).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> RulePack.hashOf(pack)).isInstanceOf(RulePackException.class)
                .hasMessageContaining(pack.resolve("extra.drl").toString());
        assertThatThrownBy(() -> Troubleshooter.builder().addPack(pack).build()).isInstanceOf(RulePackException.class);
    }

    @Test
    void aSymlinkedScenariosFolderIsRefusedRatherThanLeftOutOfTheHash(@TempDir Path tmp) throws Exception {
        Path pack = TestPacks.write(tmp.resolve("pack"), "1");
        Files.delete(pack.resolve("scenarios"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("w.yaml"), "[]\n");
        symlink(pack.resolve("scenarios"), elsewhere);
        assertThatThrownBy(() -> RulePack.hashOf(pack)).isInstanceOf(RulePackException.class)
                .hasMessageContaining(pack.resolve("scenarios").toString()).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> RulePack.fromFolder(pack)).isInstanceOf(RulePackException.class)
                .hasMessageContaining(pack.resolve("scenarios").toString());
    }

    /**
     * Swaps the DRL between two versions as fast as it can while the pack is loaded again and again: every
     * load's hash must be the hash of the version whose text it holds. Reading the DRL and hashing it in a
     * second read lost this within a few hundred loads.
     */
    @Test
    void theHashIsAlwaysTheHashOfTheTextLoaded(@TempDir Path tmp) throws Exception {
        Path pack = TestPacks.write(tmp.resolve("pack"), "1");
        String textA = Files.readString(pack.resolve("widget.drl"));
        String hashA = RulePack.hashOf(pack);
        String textB = textA.replace("(version 1)", "(version X)");
        Files.writeString(pack.resolve("widget.drl"), textB);
        String hashB = RulePack.hashOf(pack);
        // Prepared outside the pack, moved in whole: the folder only ever holds A or B.
        Path a = Files.writeString(tmp.resolve("a.drl"), textA);
        Path b = Files.writeString(tmp.resolve("b.drl"), textB);
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    Path from = tmp.resolve("next.drl");
                    Files.copy(i % 2 == 0 ? a : b, from, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(from, pack.resolve("widget.drl"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        swapper.setDaemon(true);
        swapper.start();
        try {
            long until = System.nanoTime() + 3_000_000_000L;
            for (int i = 0; i < 3000 && System.nanoTime() < until; i++) {
                RulePack p = RulePack.fromFolder(pack);
                String text = p.sources().get(0).text();
                assertThat(p.sha256()).as("load %d: the hash of the text it holds", i).isEqualTo(text.equals(textA) ? hashA : hashB);
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
        }
    }

    @Test
    void whatIsCompiledAndPinnedIsTheSnapshotReadNotWhatTheFolderHoldsLater(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        String hashOfVersion1 = RulePack.hashOf(dir);
        RulePack.Snapshot snapshot = RulePack.Snapshot.of(dir);
        TestPacks.write(dir, "2"); // changed after the read
        RulePack pack = RulePack.fromSnapshot(snapshot);
        assertThat(pack.sha256()).isEqualTo(snapshot.sha256()).isEqualTo(hashOfVersion1).isNotEqualTo(RulePack.hashOf(dir));
        assertThat(pack.version()).isEqualTo("1");
        RuleBase base = RuleBase.compile(java.util.List.of(RulePack.builtIn(), pack));
        assertThat(base.runFor("test-widget-jammed", new dev.authdoctor.vocabulary.Organisation("help@example.com")).steps())
                .extracting(step -> step.fact().text()).containsExactly("Unjam the widget (version 1).");
    }

    @Test
    void aPackInsideAJarReadsAndHashesLikeTheSameFolder(@TempDir Path tmp) throws Exception {
        Path folder = TestPacks.write(tmp.resolve("pack"), "1");
        TestPacks.put(folder, "scenarios/w.yaml", "[]\n");
        Path jar = tmp.resolve("pack.jar");
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar, java.util.Map.of("create", "true"))) {
            for (String file : new String[]{"pack.properties", "widget.drl", "scenarios/w.yaml"}) {
                Path to = zip.getPath("/packs/mine/" + file);
                Files.createDirectories(to.getParent());
                Files.copy(folder.resolve(file), to);
            }
        }
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
            RulePack inJar = RulePack.fromSnapshot(RulePack.Snapshot.of(zip.getPath("/packs/mine/")));
            assertThat(inJar.sha256()).isEqualTo(RulePack.hashOf(folder));
            assertThat(inJar.sources()).extracting(DrlSource::name).containsExactly("widget.drl");
        }
    }

    @Test
    void theHashFormatIsUnchangedSoExistingPinsStillHold(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pack.properties"), "name=p\nversion=1\n");
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/a.yaml"), "[]\n");
        java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
        for (String[] f : new String[][]{{"pack.properties", "name=p\nversion=1\n"}, {"scenarios/a.yaml", "[]\n"}}) {
            d.update((f[0] + "\0" + f[1].length() + "\0" + f[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(RulePack.hashOf(dir)).isEqualTo(java.util.HexFormat.of().formatHex(d.digest()));
    }
}
