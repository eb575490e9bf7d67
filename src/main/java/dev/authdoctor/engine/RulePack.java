package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.text.Knowledge;
import dev.authdoctor.vocabulary.TextSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A rule pack: a folder of DRL files, a manifest ({@code pack.properties}: name, version, description,
 * support contact, the problems the pack declares) and a {@code scenarios/} folder of tests. The built-in
 * pack is the top-level {@code rules/} folder, shipped in the jar.
 *
 * @param folder where the pack was read from; null for the built-in pack read from the class path
 * @param sha256 the hash of every file of the pack (see {@link #hashOf(Path)}), to pin a pack's contents
 */
public record RulePack(String name, String version, String description, String supportContact,
                       Map<String, ProblemDefinition> problems, List<DrlSource> sources, Path folder, String sha256,
                       Knowledge knowledge, TextSettings textSettings) {

    public static final String MANIFEST = "pack.properties";
    public static final String SCENARIOS = "scenarios";
    private static final String BUILTIN = "/dev/authdoctor/rules/builtin/";

    public RulePack {
        problems = Map.copyOf(problems);
        sources = List.copyOf(sources);
        knowledge = knowledge == null ? Knowledge.EMPTY : knowledge;
        textSettings = textSettings == null ? TextSettings.DEFAULTS : textSettings;
    }

    /** A pack without recognition phrases (see {@link PhraseFiles}). */
    public RulePack(String name, String version, String description, String supportContact,
                    Map<String, ProblemDefinition> problems, List<DrlSource> sources, Path folder, String sha256) {
        this(name, version, description, supportContact, problems, sources, folder, sha256, Knowledge.EMPTY, TextSettings.DEFAULTS);
    }

    /** The same pack with its recognition phrases. */
    public RulePack withKnowledge(Knowledge k) {
        return new RulePack(name, version, description, supportContact, problems, sources, folder, sha256, k, textSettings);
    }

    private static volatile Map<String, ProblemDefinition> catalog;
    /** The built-in pack as read from the jar, once; from a folder (a build's classes) it is read each time. */
    private static volatile RulePack fromJar;

    /** The catalog: the problem ids of the seed table, which every pack may use without declaring them. */
    public static Map<String, ProblemDefinition> catalog() {
        Map<String, ProblemDefinition> c = catalog;
        if (c == null) {
            c = builtIn().problems();
            catalog = c;
        }
        return c;
    }

    /** Name and version, as every diagnosis names the pack: {@code authdoctor-builtin 1.0.0}. */
    public String label() {
        return name + " " + version;
    }

    /** The built-in pack: the seed table "User authenticator management" as rules. */
    public static RulePack builtIn() {
        URL manifest = RulePack.class.getResource(BUILTIN + MANIFEST);
        if (manifest == null) {
            throw new RulePackException("the built-in rule pack is missing from the class path (" + BUILTIN + ")", List.of());
        }
        try {
            URI uri = manifest.toURI();
            if ("jar".equals(uri.getScheme())) {
                // A jar's pack cannot change under a running process: read it once (the catalog and every load share it).
                RulePack read = fromJar;
                if (read == null) {
                    read = builtIn(jarSnapshot(uri));
                    fromJar = read;
                }
                return read;
            }
            return builtIn(Snapshot.of(Path.of(uri).getParent()));
        } catch (IOException | URISyntaxException e) {
            throw new RulePackException("cannot read the built-in rule pack", e);
        }
    }

    /** The built-in pack; its phrases' words are not analysed again when its files are those the build precompiled and checked. */
    private static RulePack builtIn(Snapshot snapshot) {
        return read(snapshot, null, "built-in", snapshot.sha256().equals(PrecompiledRules.builtInHash()));
    }

    /**
     * The built-in pack's files as the jar holds them, read through {@link java.util.jar.JarFile}: the class loader has
     * the jar open already, where a zip file system of its own cost a cold start about 40 ms to set up. The same paths
     * and bytes, so the same hash, as a walk of the folder ({@code BuiltInPackFromJarTest}).
     */
    static Snapshot jarSnapshot(URI uri) throws IOException {
        String ssp = uri.getSchemeSpecificPart();
        Path jarPath = Path.of(URI.create(ssp.substring(0, ssp.indexOf("!/"))));
        String prefix = BUILTIN.substring(1);
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(jarPath.toFile())) {
            for (java.util.Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                java.util.jar.JarEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
        return new Snapshot(Path.of(prefix), files, Snapshot.hash(files));
    }

    /**
     * A pack from a folder: its manifest and every {@code *.drl} file directly in it, in name order. The
     * folder is read once ({@link Snapshot#of}); the pack is built from, and hashed over, those same bytes.
     */
    public static RulePack fromFolder(Path folder) {
        return fromSnapshot(Snapshot.of(folder));
    }

    /** The pack held by a snapshot: what it compiles is exactly what {@link Snapshot#sha256()} hashed. */
    public static RulePack fromSnapshot(Snapshot snapshot) {
        return read(snapshot, snapshot.folder(), snapshot.folder().toString(), false);
    }

    private static RulePack read(Snapshot snapshot, Path origin, String where, boolean wordsChecked) {
        byte[] manifest = snapshot.files().get(MANIFEST);
        if (manifest == null) {
            throw new RulePackException("not a rule pack: " + where + " has no " + MANIFEST, List.of());
        }
        List<DrlSource> sources = new ArrayList<>();
        // Sorted by path: the top-level *.drl files come out in name order.
        snapshot.files().forEach((path, bytes) -> {
            if (path.indexOf('/') < 0 && path.endsWith(".drl")) {
                sources.add(new DrlSource(path, new String(bytes, StandardCharsets.UTF_8)));
            }
        });
        RulePack pack = fromManifest(new String(manifest, StandardCharsets.UTF_8), sources, where, origin, snapshot.sha256());
        return pack.withKnowledge(PhraseFiles.read(snapshot.files(), pack.name() + "/" + PhraseFiles.FOLDER, wordsChecked));
    }

    /** Builds a pack from a manifest's text and DRL sources (tests, or packs kept somewhere other than a folder). */
    public static RulePack fromManifest(String manifestText, List<DrlSource> sources, String where) {
        return fromManifest(manifestText, sources, where, null, null);
    }

    private static RulePack fromManifest(String manifestText, List<DrlSource> sources, String where, Path folder, String sha256) {
        Properties p = new Properties();
        try (Reader r = new StringReader(manifestText)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>();
        String name = required(p, "name", where, errors);
        String version = required(p, "version", where, errors);
        Map<String, ProblemDefinition> problems = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(key -> {
            if (key.startsWith("problem.") && key.endsWith(".title")) {
                String id = key.substring("problem.".length(), key.length() - ".title".length());
                String row = p.getProperty("problem." + id + ".row");
                String refines = p.getProperty("problem." + id + ".refines");
                String refinesCause = p.getProperty("problem." + id + ".refines.cause");
                if (refinesCause != null && refines == null) {
                    errors.add(where + "/" + MANIFEST + ": problem." + id + ".refines.cause: needs problem." + id + ".refines");
                }
                if (refines != null && (refines.isBlank() || refines.trim().equals(id))) {
                    errors.add(where + "/" + MANIFEST + ": problem." + id + ".refines: name another problem's id");
                }
                try {
                    problems.put(id, new ProblemDefinition(id, p.getProperty(key).trim(), row == null ? null : Integer.valueOf(row.trim()),
                            refines == null || refines.isBlank() ? null : refines.trim(),
                            refinesCause == null || refinesCause.isBlank() ? null : refinesCause.trim()));
                } catch (NumberFormatException e) {
                    errors.add(where + "/" + MANIFEST + ": problem." + id + ".row: \"" + row + "\" is not a number");
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new RulePackException("invalid rule pack manifest", errors);
        }
        TextSettings text = new TextSettings(
                threshold(p, "text.confident", TextSettings.DEFAULTS.confident(), where, errors),
                threshold(p, "text.minimum", TextSettings.DEFAULTS.minimum(), where, errors),
                threshold(p, "text.margin", TextSettings.DEFAULTS.margin(), where, errors));
        if (!errors.isEmpty()) {
            throw new RulePackException("invalid rule pack manifest", errors);
        }
        String contact = p.getProperty("supportContact");
        return new RulePack(name, version, p.getProperty("description", "").trim(),
                contact == null || contact.isBlank() ? null : contact.trim(), problems, sources, folder, sha256,
                Knowledge.EMPTY, text);
    }

    /** A text threshold between 0 and 1 ({@code text.confident=0.75}); the default when absent. */
    private static double threshold(Properties p, String key, double fallback, String where, List<String> errors) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(where + "/" + MANIFEST + ": " + key + ": \"" + v.trim() + "\" is not a number between 0 and 1");
        return fallback;
    }

    private static String required(Properties p, String key, String where, List<String> errors) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            errors.add(where + "/" + MANIFEST + ": " + key + " is missing");
            return "";
        }
        return v.trim();
    }

    /** The hash of a pack folder's contents, as {@link Snapshot#sha256()}: the value to pin it with. */
    public static String hashOf(Path folder) {
        return Snapshot.of(folder).sha256();
    }

    /**
     * Every file of a pack folder, read once, and their hash. Pinning relies on it: the pack is compiled
     * from these bytes, never from a second read that could see other contents.
     * <p>
     * Symbolic links: a pack folder given as a link is resolved to its real path once, and read from there.
     * A link anywhere inside the folder (a file, {@code scenarios/}, any subfolder) is refused, naming it:
     * followed, it would let a pack's contents change, or live, outside what was reviewed and pinned.
     * Anything else that is not a plain file or folder (a pipe, a device) is refused too.
     *
     * @param folder as given, for messages and pins
     * @param files  each file's path relative to the folder (with {@code /}) and its bytes, in path order; the
     *               arrays are the snapshot itself, not to be changed
     * @param sha256 SHA-256 over the files in path order: each one's relative path, a zero byte, its length
     *               in decimal, a zero byte, its bytes. A changed, added, removed or renamed file changes it.
     */
    public record Snapshot(Path folder, SortedMap<String, byte[]> files, String sha256) {

        public Snapshot {
            files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        }

        /** Reads every file below {@code folder} once; see the policy on symbolic links above. */
        public static Snapshot of(Path folder) {
            if (!Files.isDirectory(folder)) {
                throw new RulePackException("not a rule pack: " + folder + " is not a folder", List.of());
            }
            try {
                Path root = folder.toRealPath(); // once: every read below is from this real path
                SortedMap<String, byte[]> files = new TreeMap<>();
                // Refuse a final-component link at open time too, not only when the walk saw it (default file system;
                // the jar's has no links and takes no such option).
                OpenOption[] noFollow = root.getFileSystem() == FileSystems.getDefault()
                        ? new OpenOption[]{LinkOption.NOFOLLOW_LINKS} : new OpenOption[0];
                // Without FOLLOW_LINKS the walk reports a link, to a file or a folder, as itself: refused below.
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String rel = relative(root, file);
                        if (attrs.isSymbolicLink()) {
                            throw new RulePackException("rule pack " + folder + ": " + folder.resolve(rel)
                                    + " is a symbolic link; a pack may hold none (copy the file or folder in instead)", List.of());
                        }
                        if (!attrs.isRegularFile()) {
                            throw new RulePackException("rule pack " + folder + ": " + folder.resolve(rel)
                                    + " is neither a file nor a folder", List.of());
                        }
                        try (InputStream in = Files.newInputStream(file, noFollow)) {
                            files.put(rel, in.readAllBytes());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        throw e;
                    }
                });
                return new Snapshot(folder, files, hash(files));
            } catch (IOException e) {
                throw new RulePackException("cannot read rule pack " + folder, e);
            }
        }

        private static String hash(SortedMap<String, byte[]> files) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                files.forEach((rel, bytes) -> {
                    digest.update(rel.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                    digest.update((byte) 0);
                    digest.update(bytes);
                });
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String relative(Path folder, Path file) {
        StringBuilder sb = new StringBuilder();
        for (Path part : folder.relativize(file)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
