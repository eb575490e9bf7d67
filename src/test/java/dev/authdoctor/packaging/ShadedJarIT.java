package dev.authdoctor.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classpath trap, on the published jar (run by failsafe after {@code package}: {@code mvn verify}).
 * An application whose Jackson 2 BOM pins jackson-annotations below 2.21 (Quarkus, Keycloak) used to break
 * authdoctor's Jackson 3 with {@code NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonSerializeAs}.
 * A child JVM gets the application's old jackson-annotations instead of the one authdoctor was built with, and
 * runs {@link TrapEmbedder}: the published jar, whose Jackson is relocated, diagnoses; the unrelocated jar, in
 * the very same class path, shows the trap, so the setup is known to reproduce it.
 */
class ShadedJarIT {

    static final Path JAR = Path.of(System.getProperty("authdoctor.jar", "target/missing.jar"));
    static final Path UNSHADED_JAR = Path.of(System.getProperty("authdoctor.unshadedJar", "target/missing.jar"));
    static final Path OLD_ANNOTATIONS = Path.of(System.getProperty("authdoctor.oldAnnotations", "target/trap"));

    @ParameterizedTest
    @ValueSource(strings = {"2.18.2", "2.20"})
    void thePublishedJarWorksWithAnOldJacksonAnnotationsOnTheClassPath(String version) throws Exception {
        String out = run(JAR, OLD_ANNOTATIONS.resolve("jackson-annotations-" + version + ".jar"));
        assertThat(out).contains("annotations from ").contains("jackson-annotations-" + version + ".jar")
                .contains("diagnosis {\"incidentId\":\"T1\",\"outcome\":\"DIAGNOSED\",\"problems\":[{\"id\":\"token-not-working\"")
                .contains("rejected [line 2: user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE]")
                .doesNotContain("NoClassDefFoundError");
    }

    @Test
    void theUnrelocatedJarFallsIntoTheTrapInTheSameClassPath() throws Exception {
        String out = run(UNSHADED_JAR, OLD_ANNOTATIONS.resolve("jackson-annotations-2.20.jar"));
        assertThat(out).contains("NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonSerializeAs")
                .doesNotContain("diagnosis {");
    }

    /** Runs the embedder on: the given authdoctor jar, this test's class path without authdoctor's own classes, and the old annotations instead of the new. */
    private static String run(Path authdoctorJar, Path annotations) throws IOException, InterruptedException {
        assertThat(authdoctorJar).as("built by mvn package").isRegularFile();
        assertThat(annotations).as("copied by the dependency plugin").isRegularFile();
        List<String> classPath = new ArrayList<>();
        classPath.add(authdoctorJar.toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            boolean authdoctor = p.endsWith(Path.of("target", "classes")) || p.getFileName().toString().startsWith("authdoctor-")
                    || p.getFileName().toString().startsWith("original-authdoctor-");
            if (!authdoctor && !p.getFileName().toString().startsWith("jackson-annotations-")) {
                classPath.add(entry);
            }
        }
        classPath.add(annotations.toString());
        Path log = Files.createTempFile("trap", ".log");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(File.pathSeparator, classPath), TrapEmbedder.class.getName())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the embedder did not finish in 3 minutes");
            }
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
