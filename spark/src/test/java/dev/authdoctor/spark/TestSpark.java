package dev.authdoctor.spark;

import dev.authdoctor.api.Troubleshooter;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One session for every test class (a session costs seconds), and helpers over job outputs. local[2,2]: two cores,
 * and a failed task is tried once more, as on a cluster (plain local[N] never retries), so a test can show that a
 * retried task changes nothing.
 */
final class TestSpark {

    private static SparkSession session;
    private static Troubleshooter doctor;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("authdoctor-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.memory", "512m")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** The library's own troubleshooter (built-in pack), for what batch answers: one for every test, as a session. */
    static synchronized Troubleshooter doctor() {
        if (doctor == null) {
            doctor = Troubleshooter.create();
        }
        return doctor;
    }

    /** The project's root (the library's examples and packs). */
    static Path root() {
        return Path.of(System.getProperty("authdoctor.root", "..")).toAbsolutePath().normalize();
    }

    /** The part files of a Spark output folder, in name order. */
    static List<Path> parts(Path folder) {
        try (Stream<Path> parts = Files.list(folder)) {
            return parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a Spark text output folder: its part files in name order, concatenated. */
    static List<String> partLines(Path folder) {
        try {
            List<String> lines = new ArrayList<>();
            for (Path p : parts(folder)) {
                lines.addAll(Files.readAllLines(p));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
