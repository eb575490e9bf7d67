package dev.authdoctor.spark;

import dev.authdoctor.api.PackInfo;
import dev.authdoctor.api.Troubleshooter;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the rules are, as shipped with a Spark job: the contents of every added rule pack (executors need no access to
 * the driver's folders) with the SHA-256 the driver computed, the built-in pack on or off, the support contact. Built
 * on the driver by {@link #builder()}, which compiles the rules once there, so a pack that does not compile, or does not
 * match the hash it was pinned to, stops the job before any task runs. Executors build one troubleshooter per JVM from
 * it ({@link Doctors}), each pack pinned to the driver's hash, so a pack altered on the way is refused there too.
 */
public final class DiagnoseOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One pack's files (relative path with {@code /}, bytes) or, for a pack archive, its one file; and its hash. */
    record Pack(String folderName, boolean archive, TreeMap<String, byte[]> files, String sha256) implements Serializable {
    }

    private final List<Pack> packs;
    private final boolean builtIn;
    private final String supportContact;
    private final List<String> expected; // each pack's label and sha256, as the driver loaded them
    private final String key;

    DiagnoseOptions(List<Pack> packs, boolean builtIn, String supportContact, List<String> expected) {
        this.packs = List.copyOf(packs);
        this.builtIn = builtIn;
        this.supportContact = supportContact;
        this.expected = List.copyOf(expected);
        this.key = builtIn + "|" + supportContact + "|" + String.join("|", expected) + "|" + digest(this.packs);
    }

    /** The shipped files' own digest: options whose files differ never share a troubleshooter, whatever they claim. */
    private static String digest(List<Pack> packs) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Pack p : packs) {
                md.update((p.folderName() + "\0" + p.archive() + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (Map.Entry<String, byte[]> f : p.files().entrySet()) {
                    md.update((f.getKey() + "\0" + f.getValue().length + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update(f.getValue());
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The built-in pack alone, escalating to its own contact. */
    public static DiagnoseOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The rule packs, as {@code name version sha256:...}, in load order: what every executor must load. */
    public List<String> packs() {
        return expected;
    }

    /** The rule packs by name and version, as diagnoses and summaries list them. */
    public List<String> rulePacks() {
        return expected.stream().map(s -> s.substring(0, s.lastIndexOf(" sha256:"))).toList();
    }

    List<Pack> shipped() {
        return packs;
    }

    boolean builtIn() {
        return builtIn;
    }

    String supportContact() {
        return supportContact;
    }

    /** Identifies the rules: two option sets with the same key share one troubleshooter per JVM. */
    String key() {
        return key;
    }

    /** Configures the rules of a job. */
    public static final class Builder {
        private final List<Path> packs = new ArrayList<>();
        private final Map<Path, String> pins = new LinkedHashMap<>();
        private boolean builtIn = true;
        private String supportContact;

        private Builder() {
        }

        /** A rule pack folder (or pack archive), loaded after the built-in pack. */
        public Builder addPack(Path folder) {
            packs.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /** A rule pack that must hash to {@code sha256} ({@code authdoctor hash DIR}), or the job is refused. */
        public Builder addPinnedPack(Path folder, String sha256) {
            addPack(folder);
            pins.put(folder.toAbsolutePath().normalize(), sha256);
            return this;
        }

        public Builder withoutBuiltIn() {
            builtIn = false;
            return this;
        }

        public Builder supportContact(String contact) {
            supportContact = contact;
            return this;
        }

        /**
         * Compiles the rules once, here, and takes the packs' contents.
         *
         * @throws dev.authdoctor.api.RulePackException when a pack does not compile or does not match its pin
         */
        public DiagnoseOptions build() {
            Troubleshooter.Builder b = Troubleshooter.builder();
            if (supportContact != null) {
                b.supportContact(supportContact);
            }
            if (!builtIn) {
                b.withoutBuiltIn();
            }
            for (Path p : packs) {
                String pin = pins.get(p.toAbsolutePath().normalize());
                if (pin != null) {
                    b.addPinnedPack(p, pin);
                } else {
                    b.addPack(p);
                }
            }
            Troubleshooter doctor = b.build();
            try {
                List<PackInfo> loaded = doctor.packs();
                List<String> expected = loaded.stream().map(DiagnoseOptions::describe).toList();
                List<Pack> shipped = new ArrayList<>();
                for (Path p : packs) {
                    Path real = p.toAbsolutePath().normalize();
                    PackInfo info = loaded.stream().filter(i -> i.folder() != null && same(i.folder(), real))
                            .findFirst().orElseThrow(() -> new IllegalStateException("the pack " + p + " is not among the packs loaded"));
                    shipped.add(new Pack(real.getFileName().toString(), Files.isRegularFile(real), read(real), info.sha256()));
                }
                DiagnoseOptions options = new DiagnoseOptions(shipped, builtIn, supportContact, expected);
                // Tasks that run in this JVM (local mode) use it rather than compiling the same rules again.
                Doctors.offer(options, doctor);
                return options;
            } catch (RuntimeException e) {
                doctor.close();
                throw e;
            }
        }

        private static boolean same(Path a, Path b) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
            }
        }

        private static TreeMap<String, byte[]> read(Path root) {
            TreeMap<String, byte[]> files = new TreeMap<>();
            try {
                if (Files.isRegularFile(root)) {
                    files.put(root.getFileName().toString(), Files.readAllBytes(root));
                    return files;
                }
                try (Stream<Path> all = Files.walk(root)) {
                    for (Path f : all.filter(Files::isRegularFile).toList()) {
                        files.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the rule pack " + root, e);
            }
            return files;
        }
    }

    static String describe(PackInfo p) {
        return p.label() + " sha256:" + p.sha256();
    }
}
