package dev.authdoctor.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher, {@code ./authdoctor}, run in a copy holding only the script, the packaged CLI jar and the example
 * its startup caches are recorded with.
 */
class LauncherIT {

    static final Path BASE = Path.of(System.getProperty("authdoctor.basedir", "."));
    static final Path CLI_JAR = BASE.resolve("target/authdoctor-cli.jar");

    /** The JVM silently ignores an archive made from another jar: a jar rebuilt by mvn package must get a new one. */
    @Test
    void aRebuiltJarGetsItsOwnArchiveAndTheStaleOneGoes(@TempDir Path dir) throws Exception {
        Path jdk = jdkBelow25().orElseThrow();
        Path jar = install(dir);
        Map<String, String> env = Map.of("AUTHDOCTOR_JAVA", jdk.toString());

        assertThat(launch(dir, env, "--version").exit).isZero();
        List<Path> first = caches(dir, ".jsa");
        assertThat(first).hasSize(1);
        assertThat(usable(jdk, first.get(0), jar)).as("the archive is usable with its jar").isTrue();

        // what `mvn package` does: the same path, a new jar
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(launch(dir, env, "--version").exit).isZero();
        List<Path> second = caches(dir, ".jsa");
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(usable(jdk, second.get(0), jar)).isTrue();
    }

    /** batch gets ParallelGC always, and C1 alone only for an input short enough, in records, that C2 would not pay back. */
    @Test
    void batchTunesTheJvmForTheInputsLength(@TempDir Path dir) throws Exception {
        install(dir);
        Path small = dir.resolve("examples/incidents.jsonl");
        // 100,000 records of 480 bytes (48 MB): fewer records than C2 pays back, though more bytes than 200,000 short ones
        Path wide = export(dir.resolve("wide.jsonl"), 480, 100_000);
        Path many = export(dir.resolve("many.jsonl"), 160, 200_000);
        assertThat(flags(dir, "batch", small.toString(), "--help")).contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");
        assertThat(flags(dir, "batch", wide.toString(), "--help")).contains("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");
        assertThat(flags(dir, "batch", many.toString(), "--help")).contains("-XX:+UseParallelGC", "-XX:Tier4InvocationThreshold=50000")
                .doesNotContain("TieredStopAtLevel");
        assertThat(flags(dir, "batch", wide.toString(), wide.toString(), "--help")).as("lengths add up").doesNotContain("TieredStopAtLevel");
        assertThat(flags(dir, "batch", "-", "--help")).contains("-XX:+UseParallelGC").doesNotContain("TieredStopAtLevel");
        assertThat(flags(dir, "batch", dir.resolve("x.jsonl.gz").toString(), "--help")).doesNotContain("TieredStopAtLevel");
        assertThat(flags(dir, "diagnose", "--help")).doesNotContain("UseParallelGC", "TieredStopAtLevel", "Tier4");
    }

    /** A file of {@code records} lines of {@code width} bytes: real lines at its start, sparse after (the launcher samples the start). */
    private static Path export(Path file, int width, int records) throws Exception {
        String line = "x".repeat(width - 1) + "\n";
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.write(line.repeat(70_000 / width + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            f.setLength((long) width * records);
        }
        return file;
    }

    /** JAVA_HOME names the JDK to use: an older one than the newest, and another than the one on PATH. */
    @Test
    void javaHomeIsHonoured(@TempDir Path dir) throws Exception {
        install(dir);
        assertThat(jdks()).as("JDKs from 17 up on this machine").isNotEmpty();
        for (Path jdk : jdks().values()) {
            Launch run = launch(dir, Map.of("JAVA_HOME", jdk.toString(), "AUTHDOCTOR_NO_CDS", "1",
                    "JAVA_OPTS", "-XshowSettings:properties"), "--version");
            assertThat(run.exit).isZero();
            assertThat(javaHome(run)).isEqualTo(jdk);
        }
    }

    /** With neither JAVA_HOME nor AUTHDOCTOR_JAVA, the newest JDK from 17 up among PATH and /usr/lib/jvm runs. */
    @Test
    void withoutJavaHomeTheNewestJdkRuns(@TempDir Path dir) throws Exception {
        install(dir);
        Launch run = launch(dir, Map.of("AUTHDOCTOR_NO_CDS", "1", "JAVA_OPTS", "-XshowSettings:properties"), "--version");
        assertThat(run.exit).isZero();
        Map.Entry<Integer, Path> newest = jdks().lastEntry();
        assertThat(javaHome(run)).isEqualTo(newest.getValue());
    }

    /** AUTHDOCTOR_JAVA wins over JAVA_HOME, whichever JDK it names (a home or its bin/java). */
    @Test
    void authdoctorJavaWinsOverJavaHome(@TempDir Path dir) throws Exception {
        install(dir);
        Path java11 = fakeJdk(dir, "11.0.2");
        for (Path jdk : jdks().values()) {
            for (Path named : List.of(jdk, jdk.resolve("bin/java"))) {
                Launch run = launch(dir, Map.of("AUTHDOCTOR_JAVA", named.toString(), "JAVA_HOME", java11.toString(),
                        "AUTHDOCTOR_NO_CDS", "1", "JAVA_OPTS", "-XshowSettings:properties"), "--version");
                assertThat(run.exit).isZero();
                assertThat(javaHome(run)).isEqualTo(jdk);
            }
        }
    }

    /** A JDK older than 17 would fail on the jar's class files: the launcher says so, and does not start it. */
    @Test
    void aJdkOlderThan17IsRefusedWithoutRunningIt(@TempDir Path dir) throws Exception {
        install(dir);
        Path java11 = fakeJdk(dir, "11.0.2");
        Launch run = launch(dir, Map.of("JAVA_HOME", java11.toString()), "diagnose", "examples/incidents.jsonl");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).contains("JAVA_HOME", "Java 11.0.2", "Java 17 or newer");
        assertThat(run.out).isEmpty();
        assertThat(java11.resolve("ran")).as("the old java was not started").doesNotExist();
    }

    /**
     * On JDK 25 the launcher records an AOT cache (no CDS archive), quietly, and the runs load it; a cache is
     * named after its jar and its JDK, so a rebuilt jar gets a new one and the stale one goes, and JDK 17 keeps
     * its own archive beside it.
     */
    @Test
    void onJdk25AnAotCacheIsRecordedOncePerJarAndUsed(@TempDir Path dir) throws Exception {
        Optional<Path> jdk25 = jdk25();
        assumeTrue(jdk25.isPresent(), "no JDK 25 or newer on this machine");
        Path jar = install(dir);
        Map<String, String> on25 = Map.of("AUTHDOCTOR_JAVA", jdk25.get().toString());

        Launch first = launch(dir, on25, "diagnose", "examples/incidents.jsonl");
        assertThat(first.exit).isZero();
        assertThat(first.err).as("no JVM logging from the training or the run").isEmpty();
        Launch uncached = launch(dir, Map.of("AUTHDOCTOR_JAVA", jdk25.get().toString(), "AUTHDOCTOR_NO_CDS", "1"),
                "diagnose", "examples/incidents.jsonl");
        assertThat(first.out).isEqualTo(uncached.out).contains("\"outcome\":\"DIAGNOSED\"");
        assertThat(caches(dir, ".jsa")).isEmpty();
        List<Path> aot = caches(dir, ".aot");
        assertThat(aot).hasSize(1);
        String name = aot.get(0).getFileName().toString();
        assertThat(name).startsWith("authdoctor-" + Files.getLastModifiedTime(jar).toInstant().getEpochSecond() + "-" + Files.size(jar) + "-")
                .contains("-" + release(jdk25.get(), "JAVA_VERSION") + "-")
                .endsWith("-" + javaTime(jdk25.get()) + ".aot");

        Path log = dir.resolve("aot.log");
        Launch logged = launch(dir, Map.of("AUTHDOCTOR_JAVA", jdk25.get().toString(), "JAVA_OPTS", "-Xlog:aot=info:file=" + log),
                "diagnose", "examples/incidents.jsonl");
        assertThat(logged.out).isEqualTo(first.out);
        assertThat(Files.readString(log)).contains("Opened AOT cache " + aot.get(0), "Using AOT-linked classes: true");

        // another JDK keeps its own kind of cache, beside this one
        Path older = jdkBelow25().orElseThrow();
        assertThat(launch(dir, Map.of("AUTHDOCTOR_JAVA", older.toString()), "--version").exit).isZero();
        assertThat(caches(dir, ".aot")).isEqualTo(aot);
        assertThat(caches(dir, ".jsa")).singleElement().asString().endsWith("-" + javaTime(older) + ".jsa");

        // what `mvn package` does: the same path, a new jar; both caches were made from the old one
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(launch(dir, on25, "--version").exit).isZero();
        List<Path> renewed = caches(dir, ".aot");
        assertThat(renewed).hasSize(1).doesNotContainAnyElementsOf(aot);
        assertThat(renewed.get(0).getFileName().toString())
                .startsWith("authdoctor-" + Files.getLastModifiedTime(jar).toInstant().getEpochSecond() + "-");
        assertThat(caches(dir, ".jsa")).as("the stale jar's archive is gone too").isEmpty();
    }

    /** A training that fails costs the command nothing: it runs without a cache, and the next start does not retry. */
    @Test
    void aFailedRecordingLeavesTheCommandRunningWithoutACache(@TempDir Path dir) throws Exception {
        install(dir);
        Files.delete(dir.resolve("examples/incidents.jsonl")); // what the recording runs on
        Path newest = jdks().lastEntry().getValue();
        Map<String, String> env = Map.of("AUTHDOCTOR_JAVA", newest.toString());

        Launch run = launch(dir, env, "--version");
        assertThat(run.exit).isZero();
        assertThat(run.out).startsWith("authdoctor ");
        assertThat(run.err).isEmpty();
        assertThat(caches(dir, ".aot")).isEmpty();
        assertThat(caches(dir, ".jsa")).isEmpty();
        List<Path> marks = caches(dir, ".failed");
        assertThat(marks).hasSize(1);

        FileTime past = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(marks.get(0), past);
        assertThat(launch(dir, env, "--version").exit).isZero();
        assertThat(Files.getLastModifiedTime(marks.get(0))).as("not recorded again").isEqualTo(past);
    }

    private static String flags(Path dir, String... args) throws Exception {
        Launch run = launch(dir, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags", "AUTHDOCTOR_NO_CDS", "1"), args);
        return (run.out + run.err).lines().filter(l -> l.contains("-XX:")).findFirst().orElse("");
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

    /** A JDK home holding a release file of the given version and a bin/java that only leaves a mark if started. */
    private static Path fakeJdk(Path dir, String version) throws IOException {
        Path home = dir.resolve("jdk-" + version);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\ntouch \"" + home.resolve("ran") + "\"\n");
        java.toFile().setExecutable(true);
        return home;
    }

    private static List<Path> caches(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    /** With -Xshare:on the JVM refuses to start on an archive it cannot use, instead of ignoring it. */
    private static boolean usable(Path jdk, Path archive, Path jar) throws Exception {
        Process p = new ProcessBuilder(jdk.resolve("bin/java").toString(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-jar", jar.toString(), "--version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** The JDKs from 17 up on this machine, by feature release (the newest of each): the test's own and /usr/lib/jvm's. */
    private static TreeMap<Integer, Path> jdks() throws IOException {
        TreeMap<Integer, Path> found = new TreeMap<>();
        List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted().forEach(homes::add);
            }
        }
        for (Path home : homes) {
            String version = release(home, "JAVA_VERSION");
            if (version.isEmpty() || !Files.isExecutable(home.resolve("bin/java"))) {
                continue;
            }
            int feature = Runtime.Version.parse(version).feature();
            if (feature >= 17) {
                found.merge(feature, home.toRealPath(), (a, b) -> a);
            }
        }
        return found;
    }

    private static Optional<Path> jdk25() throws IOException {
        return Optional.ofNullable(jdks().ceilingEntry(25)).map(Map.Entry::getValue);
    }

    private static Optional<Path> jdkBelow25() throws IOException {
        return Optional.ofNullable(jdks().lowerEntry(25)).map(Map.Entry::getValue);
    }

    private static String release(Path home, String key) {
        Path file = home.resolve("release");
        if (!Files.isReadable(file)) {
            return "";
        }
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key + "="))
                    .map(l -> l.substring(key.length() + 1).replace("\"", "")).findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long javaTime(Path home) throws IOException {
        return Files.getLastModifiedTime(home.resolve("bin/java").toRealPath()).toInstant().getEpochSecond();
    }

    /** The java.home that -XshowSettings:properties printed. */
    private static Path javaHome(Launch run) throws IOException {
        String line = run.err.lines().filter(l -> l.strip().startsWith("java.home = ")).findFirst().orElseThrow();
        return Path.of(line.strip().substring("java.home = ".length())).toRealPath();
    }

    record Launch(int exit, String out, String err) {
    }

    /** Runs the launcher in dir with only the given launcher settings (none inherited from the machine). */
    private static Launch launch(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./authdoctor"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        for (String key : List.of("JAVA_HOME", "AUTHDOCTOR_JAVA", "AUTHDOCTOR_NO_CDS", "JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            pb.environment().remove(key);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        Launch run = new Launch(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
