package dev.authdoctor.engine;

import dev.authdoctor.model.TextSettings;
import dev.authdoctor.text.Knowledge;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

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
                try (FileSystem jar = openJar(uri)) {
                    return read(jar.getPath(BUILTIN), null);
                }
            }
            Path folder = Path.of(uri).getParent();
            return read(folder, null);
        } catch (IOException | URISyntaxException e) {
            throw new RulePackException("cannot read the built-in rule pack", e);
        }
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Another caller holds it open; read through a private view of the same jar instead.
            String jarPath = uri.getSchemeSpecificPart().substring(0, uri.getSchemeSpecificPart().indexOf("!/"));
            return FileSystems.newFileSystem(Path.of(URI.create(jarPath)));
        }
    }

    /** A pack from a folder: its manifest and every {@code *.drl} file directly in it, in name order. */
    public static RulePack fromFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RulePackException("not a rule pack: " + folder + " is not a folder", List.of());
        }
        try {
            return read(folder, folder);
        } catch (IOException e) {
            throw new RulePackException("cannot read rule pack " + folder, e);
        }
    }

    private static RulePack read(Path folder, Path origin) throws IOException {
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new RulePackException("not a rule pack: " + folder + " has no " + MANIFEST, List.of());
        }
        List<DrlSource> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path drl : files.filter(p -> p.getFileName().toString().endsWith(".drl"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList()) {
                sources.add(new DrlSource(drl.getFileName().toString(), Files.readString(drl, StandardCharsets.UTF_8)));
            }
        }
        RulePack pack = fromManifest(Files.readString(manifestFile, StandardCharsets.UTF_8), sources,
                origin == null ? "built-in" : folder.toString(), origin, hashOf(folder));
        return pack.withKnowledge(PhraseFiles.read(folder, pack.name() + "/" + PhraseFiles.FOLDER));
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
                try {
                    problems.put(id, new ProblemDefinition(id, p.getProperty(key).trim(), row == null ? null : Integer.valueOf(row.trim())));
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

    /**
     * SHA-256 over every file below the folder, in the order of their paths: each file's path relative
     * to the folder (with {@code /}), a zero byte, its length, a zero byte, its bytes. A changed, added,
     * removed or renamed file changes the hash.
     */
    public static String hashOf(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = walk.filter(Files::isRegularFile).sorted((a, b) -> relative(folder, a).compareTo(relative(folder, b))).toList();
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                digest.update(relative(folder, f).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new RulePackException("cannot read rule pack " + folder, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
