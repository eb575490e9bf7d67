package dev.authdoctor.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher, {@code ./authdoctor}, run in a copy holding only the script, the packaged CLI jar and the example
 * the class-data-sharing archive is recorded with.
 */
class LauncherIT {

    static final Path BASE = Path.of(System.getProperty("authdoctor.basedir", "."));
    static final Path CLI_JAR = BASE.resolve("target/authdoctor-cli.jar");

    /** The JVM silently ignores an archive made from another jar: a jar rebuilt by mvn package must get a new one. */
    @Test
    void aRebuiltJarGetsItsOwnArchiveAndTheStaleOneGoes(@TempDir Path dir) throws Exception {
        Path jar = install(dir);

        assertThat(run(dir, "--version")).isZero();
        List<Path> first = archives(dir);
        assertThat(first).hasSize(1);
        assertThat(usable(first.get(0), jar)).as("the archive is usable with its jar").isTrue();

        // what `mvn package` does: the same path, a new jar
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(run(dir, "--version")).isZero();
        List<Path> second = archives(dir);
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(usable(second.get(0), jar)).isTrue();
    }

    /** batch gets ParallelGC always, and C1 alone only for an input small enough that C2 would not pay back. */
    @Test
    void batchTunesTheJvmForTheInputsSize(@TempDir Path dir) throws Exception {
        install(dir);
        Path small = dir.resolve("examples/incidents.jsonl");
        Path big = dir.resolve("big.jsonl");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(25L * 1024 * 1024); // sparse: the launcher only reads its size
        }
        assertThat(flags(dir, "batch", small.toString(), "--help")).contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");
        assertThat(flags(dir, "batch", big.toString(), "--help")).contains("-XX:+UseParallelGC").doesNotContain("TieredStopAtLevel");
        assertThat(flags(dir, "batch", "-", "--help")).contains("-XX:+UseParallelGC").doesNotContain("TieredStopAtLevel");
        assertThat(flags(dir, "diagnose", "--help")).doesNotContain("UseParallelGC", "TieredStopAtLevel");
    }

    private static String flags(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("./authdoctor"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        pb.environment().put("AUTHDOCTOR_NO_CDS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.contains("-XX:")).findFirst().orElse("");
    }

    private static Path install(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("target"));
        Files.createDirectories(dir.resolve("examples"));
        Files.copy(BASE.resolve("authdoctor"), dir.resolve("authdoctor"));
        dir.resolve("authdoctor").toFile().setExecutable(true);
        Files.copy(BASE.resolve("examples/incidents.jsonl"), dir.resolve("examples/incidents.jsonl"));
        Path jar = dir.resolve("target/authdoctor-cli.jar");
        Files.copy(CLI_JAR, jar);
        return jar;
    }

    private static List<Path> archives(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    /** With -Xshare:on the JVM refuses to start on an archive it cannot use, instead of ignoring it. */
    private static boolean usable(Path archive, Path jar) throws Exception {
        Process p = new ProcessBuilder("java", "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-jar", jar.toString(), "--version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static int run(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("./authdoctor"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
