package dev.authdoctor.cli;

import dev.authdoctor.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** authdoctor compile DIR: an archive that --rules takes like a folder, pinned by the hash it prints. */
class CompileCommandTest {

    @Test
    void compileWritesAnArchiveThatDiagnosesAsTheFolderDoesAndIsPinnedByItsHash(@TempDir Path dir) throws Exception {
        Path pack = TestPacks.write(dir.resolve("widget"), "1");
        Path archive = dir.resolve("widget.pack.zip");
        BatchCommandTest.Run compiled = run("", "compile", pack.toString(), "--out", archive.toString());
        assertThat(compiled.exit()).as(compiled.err()).isZero();
        assertThat(Files.isRegularFile(archive)).isTrue();
        String hash = compiled.out().strip().split("\\s+")[0];
        assertThat(hash).matches("[0-9a-f]{64}");

        BatchCommandTest.Run fromFolder = run(PackCommandsTest.WIDGET, "diagnose", "--rules", pack.toString());
        BatchCommandTest.Run fromArchive = run(PackCommandsTest.WIDGET, "diagnose", "--rules", archive.toString(),
                "--pack-sha256", archive + "=" + hash);
        assertThat(fromArchive.exit()).as(fromArchive.err()).isZero();
        assertThat(fromArchive.out()).contains("test-widget-jammed").isEqualTo(fromFolder.out());

        BatchCommandTest.Run wrongPin = run(PackCommandsTest.WIDGET, "diagnose", "--rules", archive.toString(),
                "--pack-sha256", archive + "=" + "ab".repeat(32));
        assertThat(wrongPin.exit()).isNotZero();
        assertThat(wrongPin.err()).contains("not the pinned");
    }

    @Test
    void aPackThatDoesNotCompileWritesNoArchive(@TempDir Path dir) throws Exception {
        Path pack = TestPacks.write(dir.resolve("widget"), "1");
        TestPacks.put(pack, "widget.drl", "package test.rules;\n\nrule \"oops\"\nwhen\n    NoSuchFact( x == 1 )\nthen\nend\n");
        Path archive = dir.resolve("widget.pack.zip");
        BatchCommandTest.Run r = run("", "compile", pack.toString(), "--out", archive.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("test-pack/widget.drl:5");
        assertThat(Files.exists(archive)).isFalse();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("widget");
        }
    }
}
