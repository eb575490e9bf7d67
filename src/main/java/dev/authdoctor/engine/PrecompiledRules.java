package dev.authdoctor.engine;

import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The rules of a kjar precompiled to Drools' executable model, loaded straight from its classes. Neither
 * {@code KieServices} nor its process-wide {@code KieRepository} is used: that path logs each module added at
 * INFO and needs drools-compiler, while this one needs only drools-core, drools-model-compiler and
 * drools-canonical-model (the lean runtime). The kjar's classes are defined once and shared by every base
 * made from it; each base gets rules of its own.
 */
final class PrecompiledRules {

    /** Precompiled rules known by the hash of the pack they were made from (see {@link RulePack#sha256()}). */
    private static final Map<String, PrecompiledRules> BY_PACK_HASH = new ConcurrentHashMap<>();

    private final ClassLoader classes;
    private final List<String> modelClasses;

    private PrecompiledRules(ClassLoader classes, List<String> modelClasses) {
        this.classes = classes;
        this.modelClasses = modelClasses;
    }

    /** Reads a kjar written by {@link Precompile}; refuses one that holds no executable model. */
    static PrecompiledRules of(byte[] kjar) {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), zip.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable kjar", e);
        }
        List<String> models = new ArrayList<>();
        files.forEach((name, bytes) -> {
            if (name.startsWith("META-INF/kie/") && name.endsWith("/drools-model")) {
                for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                    // the first line is the Drools version it was made with: "Drools-Model-Version:10.2.0"
                    if (!line.isBlank() && !line.contains(":")) {
                        models.add(line.strip());
                    }
                }
            }
        });
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the kjar holds no executable model (META-INF/kie/.../drools-model)");
        }
        ClassLoader app = PrecompiledRules.class.getClassLoader();
        ClassLoader classes = onClassPath(files, models, app) ? app : new KjarClassLoader(files, app);
        return new PrecompiledRules(classes, List.copyOf(models));
    }

    /**
     * Whether the kjar's classes are also on the class path, as the build puts the built-in pack's ({@link Precompile}):
     * loaded from there they come from the JVM's class-data-sharing archive or AOT cache like any other class, instead of
     * being defined and verified from bytes at every start. The models' own classes must be byte for byte the kjar's.
     */
    private static boolean onClassPath(Map<String, byte[]> files, List<String> models, ClassLoader app) {
        for (String model : models) {
            String name = model.replace('.', '/') + ".class";
            try (InputStream in = app.getResourceAsStream(name)) {
                if (in == null || !java.util.Arrays.equals(in.readAllBytes(), files.get(name))) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hash of the pack the jar's precompiled built-in rules were made from, and checked by the build
     * ({@link Precompile}); null if the jar has none. Here, not in {@code Precompile}, which needs the compiler.
     */
    static String builtInHash() {
        return BuiltIn.HASH;
    }

    /** Read once: the jar does not change under a running process. */
    private static final class BuiltIn {
        static final String HASH = readHash();
    }

    private static String readHash() {
        try (InputStream in = PrecompiledRules.class.getResourceAsStream("/" + Precompile.KJAR_HASH)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** Makes these rules known for packs that hash to {@code packSha256}: a pack of exactly those files. */
    static void register(String packSha256, PrecompiledRules rules) {
        BY_PACK_HASH.put(packSha256, rules);
    }

    /** The precompiled rules of a pack with this hash, if registered; null otherwise. */
    static PrecompiledRules forPack(String packSha256) {
        return BY_PACK_HASH.get(packSha256);
    }

    /** One base of all the given rules, sharing no rule with any other base. */
    static KieBase newBase(List<PrecompiledRules> parts) {
        List<Model> models = new ArrayList<>();
        for (PrecompiledRules p : parts) {
            for (String name : p.modelClasses) {
                try {
                    models.add((Model) Class.forName(name, true, p.classes).getConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("precompiled rules unusable: " + name, e);
                }
            }
        }
        return KieBaseBuilder.createKieBaseFromModel(models, BaseSettings.newConfiguration(parts.get(0).classes));
    }

    /** Defines the kjar's classes from memory, after the application's own (the facts' classes are those). */
    private static final class KjarClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> files;

        KjarClassLoader(Map<String, byte[]> files, ClassLoader parent) {
            super(parent);
            this.files = files;
        }

        /**
         * The kjar's own classes first: every pack's generated classes share names such as
         * {@code org.drools.project.model.ProjectModel}, and the built-in pack's are on the class path.
         */
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && files.containsKey(name.replace('.', '/') + ".class")) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = files.get(name.replace('.', '/') + ".class");
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] b = files.get(name);
            return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
        }
    }
}
