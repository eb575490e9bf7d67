package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.testing.ScenarioFiles;
import dev.authdoctor.testing.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pack precompiled to an archive loads without compiling its DRL, passes the pack's own scenarios, and is pinned by hash. */
class PackArchiveTest {

    private static final Path EXTENDED = Path.of("packs/idaas-extended");

    @Test
    void anArchiveLoadsPrecompiledAndAnswersAsItsFolderDoes(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("extended.pack.zip");
        String hash = PackArchive.write(EXTENDED, archive);

        RulePack fromArchive = RulePack.fromSnapshot(PackArchive.snapshot(archive));
        assertThat(fromArchive.sha256()).isEqualTo(hash);
        assertThat(fromArchive.label()).isEqualTo(RulePack.fromFolder(EXTENDED).label());
        RuleBase both = RuleBase.compile(List.of(RulePack.builtIn(), fromArchive));
        assertThat(both.isPrecompiled()).as("the built-in kjar and the archive's, in one base").isTrue();
        assertThat(RuleBase.compile(List.of(RulePack.builtIn(), RulePack.fromFolder(EXTENDED))).isPrecompiled())
                .as("the folder itself is compiled from its DRL").isFalse();

        try (Troubleshooter t = Troubleshooter.builder().addPinnedPack(archive, hash).build()) {
            ScenarioRunner.Report report = new ScenarioRunner().run(t, fromArchive.name(), ScenarioFiles.ofPack(EXTENDED));
            assertThat(report.cases()).isNotEmpty();
            assertThat(report.failed()).as(report.cases().stream().filter(c -> !c.passed()).map(c -> c.scenario().name() + " " + c.failures()).toList().toString())
                    .isZero();
            assertThat(report.neverFired()).isEmpty();
        }
    }

    @Test
    void theHashCoversTheCompiledRulesSoAChangedKjarBreaksThePin(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("extended.pack.zip");
        String hash = PackArchive.write(EXTENDED, archive);
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).containsKey(PackArchive.KJAR).containsKey(RulePack.MANIFEST);
        byte[] kjar = entries.get(PackArchive.KJAR);
        kjar[kjar.length - 30] ^= 1; // one bit of the compiled rules, none of the DRL
        Path tampered = dir.resolve("tampered.pack.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(tampered, hash).build())
                .isInstanceOf(RulePackException.class).hasMessageContaining("not the pinned " + hash);
    }

    @Test
    void aFileThatIsNoArchiveIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path notZip = Files.writeString(dir.resolve("rules.txt"), "hello");
        assertThatThrownBy(() -> Troubleshooter.builder().addPack(notZip).build())
                .isInstanceOf(RulePackException.class).hasMessageContaining("cannot read pack archive").hasMessageContaining("authdoctor compile");
        Path zipWithoutRules = dir.resolve("plain.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zipWithoutRules))) {
            out.putNextEntry(new ZipEntry(RulePack.MANIFEST));
            out.write("name=x\nversion=1\n".getBytes());
            out.closeEntry();
        }
        assertThatThrownBy(() -> Troubleshooter.builder().addPack(zipWithoutRules).build())
                .isInstanceOf(RulePackException.class).hasMessageContaining("holds no " + PackArchive.KJAR);
    }
}
