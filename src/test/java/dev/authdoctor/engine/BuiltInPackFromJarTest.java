package dev.authdoctor.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in pack read from a jar has the files, bytes and hash of the same pack read as a folder. */
class BuiltInPackFromJarTest {

    @TempDir
    Path tmp;

    @Test
    void aJarsBuiltInPackIsTheFoldersFileForFileAndHash() throws IOException {
        Path folder = Path.of("target/classes/dev/authdoctor/rules/builtin");
        RulePack.Snapshot fromFolder = RulePack.Snapshot.of(folder);
        assertThat(fromFolder.files().keySet()).contains("pack.properties").anyMatch(f -> f.startsWith("phrases/"));

        Path jar = tmp.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            // directories as entries, as Maven writes them, and a file outside the pack that must stay out
            for (String dir : List.of("dev/", "dev/authdoctor/", "dev/authdoctor/rules/", "dev/authdoctor/rules/builtin/",
                    "dev/authdoctor/rules/builtin/phrases/")) {
                j.putNextEntry(new JarEntry(dir));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("dev/authdoctor/rules/builtin-other.txt"));
            j.write("not the pack".getBytes());
            j.closeEntry();
            for (var f : fromFolder.files().entrySet()) {
                j.putNextEntry(new JarEntry("dev/authdoctor/rules/builtin/" + f.getKey()));
                j.write(f.getValue());
                j.closeEntry();
            }
        }
        RulePack.Snapshot fromJar = RulePack.jarSnapshot(URI.create("jar:" + jar.toUri() + "!/dev/authdoctor/rules/builtin/pack.properties"));
        assertThat(fromJar.files().keySet()).containsExactlyElementsOf(fromFolder.files().keySet());
        fromJar.files().forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(fromFolder.files().get(name)));
        assertThat(fromJar.sha256()).isEqualTo(fromFolder.sha256());
    }
}
