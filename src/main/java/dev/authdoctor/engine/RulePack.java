package dev.authdoctor.engine;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A rule pack: DRL files and a manifest ({@code pack.properties}) that names the pack, its version and
 * the problems it declares. The built-in pack is the top-level {@code rules/} folder, shipped in the jar.
 */
public record RulePack(String name, String version, String description, Map<String, ProblemDefinition> problems,
                       List<DrlSource> sources) {

    public static final String MANIFEST = "pack.properties";
    private static final String BUILTIN = "/dev/authdoctor/rules/builtin/";

    public RulePack {
        problems = Map.copyOf(problems);
        sources = List.copyOf(sources);
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
                    return fromFolder(jar.getPath(BUILTIN));
                }
            }
            return fromFolder(Path.of(uri).getParent());
        } catch (IOException | URISyntaxException e) {
            throw new RulePackException("cannot read the built-in rule pack", e);
        }
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Another caller holds it open; read through a private copy of the view instead.
            String jarPath = uri.getSchemeSpecificPart().substring(0, uri.getSchemeSpecificPart().indexOf("!/"));
            return FileSystems.newFileSystem(Path.of(URI.create(jarPath)));
        }
    }

    /** A pack from a folder: its manifest and every {@code *.drl} file in it, in name order. */
    public static RulePack fromFolder(Path folder) {
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new RulePackException("not a rule pack: " + folder + " has no " + MANIFEST, List.of());
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<DrlSource> sources = new ArrayList<>();
            for (Path drl : files.filter(p -> p.getFileName().toString().endsWith(".drl"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                sources.add(new DrlSource(drl.getFileName().toString(), Files.readString(drl, StandardCharsets.UTF_8)));
            }
            return fromManifest(Files.readString(manifestFile, StandardCharsets.UTF_8), sources, folder.toString());
        } catch (IOException e) {
            throw new RulePackException("cannot read rule pack " + folder, e);
        }
    }

    /** Builds a pack from a manifest's text and DRL sources (tests, or packs kept somewhere other than a folder). */
    public static RulePack fromManifest(String manifestText, List<DrlSource> sources, String where) {
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
        return new RulePack(name, version, p.getProperty("description", "").trim(), problems, sources);
    }

    private static String required(Properties p, String key, String where, List<String> errors) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            errors.add(where + "/" + MANIFEST + ": " + key + " is missing");
            return "";
        }
        return v.trim();
    }
}
