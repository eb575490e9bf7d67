package dev.authdoctor.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A rule pack in use, as it was loaded.
 *
 * @param name           its name ({@code pack.properties}); {@code authdoctor-builtin} for the built-in pack
 * @param version        its version
 * @param description    what it is for; null when not given
 * @param supportContact the help desk it names; null when it names none
 * @param folder         where it was read from; null for the built-in pack read from the class path
 * @param sha256         the SHA-256 of all its files, as {@code authdoctor hash} prints it and
 *                       {@link Troubleshooter.Builder#addPinnedPack} expects it
 * @param problems       the problems it declares, in id order
 * @param warnings       pack code that reaches out of the rules ({@code System.exit}, {@code Runtime},
 *                       {@code ProcessBuilder}, {@code java.io}, {@code java.nio.file}), one per use and line, as
 *                       {@code pack/file.drl:line: warning: ...}; warnings do not refuse a pack
 */
public record PackInfo(String name, String version, String description, String supportContact, Path folder,
                       String sha256, List<Problem> problems, List<String> warnings) {

    /**
     * Copies the lists, so the description of a pack never changes.
     *
     * @param name           its name ({@code pack.properties}); {@code authdoctor-builtin} for the built-in pack
     * @param version        its version
     * @param description    what it is for; null when not given
     * @param supportContact the help desk it names; null when it names none
     * @param folder         where it was read from; null for the built-in pack read from the class path
     * @param sha256         the SHA-256 of all its files, as {@code authdoctor hash} prints it
     * @param problems       the problems it declares, in id order
     * @param warnings       pack code that reaches out of the rules, one per use and line; they do not refuse a pack
     */
    public PackInfo {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /**
     * A problem a pack declares.
     *
     * @param id           its id, as diagnoses name it
     * @param title        what it is, in a sentence
     * @param row          the seed table row it comes from; null for a pack's own problem
     * @param refines      the problem it is a more specific case of; null when none
     * @param refinesCause the cause the refined problem must have been found with alone; null when any
     */
    public record Problem(String id, String title, Integer row, String refines, String refinesCause) {
    }

    /**
     * Name and version, as {@link Diagnosis#rulePacks()} lists it, so a pack in use can be matched to the diagnoses
     * it produced.
     *
     * @return the name and version, separated by a space, e.g. {@code authdoctor-builtin 1.0.0}
     */
    public String label() {
        return name + " " + version;
    }
}
