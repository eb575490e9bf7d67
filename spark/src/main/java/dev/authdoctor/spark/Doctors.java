package dev.authdoctor.spark;

import dev.authdoctor.api.Troubleshooter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One troubleshooter per executor JVM and rule set, built on first use and shared by every task and thread of that
 * JVM (a troubleshooter is thread-safe; compiling the rules costs seconds and tens of MB, so never per row or task).
 * A retried task finds it built and gives the same answers: diagnosis is a pure function of the incident and rules.
 */
final class Doctors {

    private static final Map<String, Troubleshooter> BUILT = new ConcurrentHashMap<>();
    private static final AtomicInteger BUILDS = new AtomicInteger();

    private Doctors() {
    }

    /** The troubleshooter for these options in this JVM. */
    static Troubleshooter of(DiagnoseOptions options) {
        return BUILT.computeIfAbsent(options.key(), k -> build(options));
    }

    /**
     * The troubleshooter the driver compiled for these options, from the packs' folders: tasks in the driver's JVM
     * (local mode) take it rather than compile the same rules again from the shipped copies. Closed if one is there.
     */
    static void offer(DiagnoseOptions options, Troubleshooter doctor) {
        if (BUILT.putIfAbsent(options.key(), doctor) == null) {
            BUILDS.incrementAndGet();
        } else {
            doctor.close();
        }
    }

    /** How many troubleshooters this JVM has built: for tests. */
    static int builds() {
        return BUILDS.get();
    }

    /** A troubleshooter from the shipped pack files, as an executor without the driver's folders builds it. */
    static Troubleshooter build(DiagnoseOptions options) {
        BUILDS.incrementAndGet();
        Troubleshooter.Builder b = Troubleshooter.builder();
        if (options.supportContact() != null) {
            b.supportContact(options.supportContact());
        }
        if (!options.builtIn()) {
            b.withoutBuiltIn();
        }
        try {
            Path root = Files.createTempDirectory("authdoctor-packs");
            int i = 0;
            for (DiagnoseOptions.Pack pack : options.shipped()) {
                // The library hashes the files it compiles and refuses them unless they match the driver's hash.
                Path dir = Files.createDirectories(root.resolve(Integer.toString(i++)));
                Path folder = pack.archive() ? dir : dir.resolve(pack.folderName());
                for (Map.Entry<String, byte[]> f : pack.files().entrySet()) {
                    Path target = folder.resolve(f.getKey()).normalize();
                    if (!target.startsWith(folder)) {
                        throw new IllegalStateException("a shipped pack file leaves its folder: " + f.getKey());
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, f.getValue());
                }
                b.addPinnedPack(pack.archive() ? folder.resolve(pack.files().firstKey()) : folder, pack.sha256());
            }
            Troubleshooter doctor = b.build();
            List<String> here = doctor.packs().stream().map(DiagnoseOptions::describe).toList();
            if (!here.equals(options.packs())) {
                // e.g. another authdoctor jar on this executor, whose built-in pack differs from the driver's
                doctor.close();
                throw new IllegalStateException("the rule packs on this executor differ from the driver's: " + here
                        + " here, " + options.packs() + " on the driver");
            }
            return doctor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shipped rule packs to a temporary folder", e);
        }
    }
}
