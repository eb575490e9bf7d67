package dev.authdoctor.text;

import dev.authdoctor.engine.RulePack;
import dev.authdoctor.testing.TicketRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in pack's words as the build analysed them ({@link PrecomputedWords}) give the matcher exactly the answers
 * and explanations a fresh analysis gives, over every labelled ticket; knowledge that differs in anything, or a
 * resource made by other code, is analysed afresh.
 */
class PrecomputedWordsTest {

    private static Knowledge builtIn;
    private static Knowledge extended;
    /** Every ticket's {message, description, expected problem}, of both packs. */
    private static List<String[]> tickets;

    @BeforeAll
    static void read() throws IOException {
        builtIn = Knowledge.merge(List.of(RulePack.builtIn().knowledge()));
        extended = Knowledge.merge(List.of(RulePack.builtIn().knowledge(), RulePack.fromFolder(Path.of("packs/idaas-extended")).knowledge()));
        tickets = new ArrayList<>();
        for (String pack : List.of("rules", "packs/idaas-extended")) {
            for (TicketRunner.Ticket t : TicketRunner.read(Path.of(pack))) {
                tickets.add(new String[] {t.given().path("error").path("message").asString(null), t.given().path("description").asString(null), t.expect()});
            }
        }
        assertThat(tickets).hasSizeGreaterThan(100);
    }

    @Test
    void theBuildsResourceHoldsTheFreshAnalysisOfTheBuiltInPack() throws IOException {
        TextMatcher.Analysis loaded = PrecomputedWords.load(builtIn);
        assertThat(loaded).as("the build wrote " + PrecomputedWords.RESOURCE + " for the built-in pack").isNotNull();
        assertSameAnalysis(loaded, TextMatcher.analyse(builtIn));
    }

    @Test
    void theLoadedSynonymsAnalyseEveryTicketAsParsedOnesDoInEveryLanguage() throws IOException {
        TextAnalyzer loaded = new TextAnalyzer(PrecomputedWords.load(builtIn).synonyms());
        TextAnalyzer parsed = new TextAnalyzer(builtIn.synonyms());
        int synonymsUsed = 0;
        for (String[] t : tickets) {
            String text = (t[0] == null ? "" : t[0]) + "\n" + (t[1] == null ? "" : t[1]);
            for (Language l : Language.values()) {
                List<TextAnalyzer.Word> words = loaded.words(text, l);
                assertThat(words).as("%s in %s", text, l).isEqualTo(parsed.words(text, l));
                synonymsUsed += words.equals(parsed.words(text, l, false)) ? 0 : 1;
            }
        }
        assertThat(synonymsUsed).isGreaterThan(tickets.size()); // the synonyms did change most tickets' words
    }

    @Test
    void theBuiltInMatcherLoadedOrAnalysedHearsEveryTicketAlikeAndExplainsItAlike() throws IOException {
        TextMatcher loaded = new TextMatcher(builtIn);
        TextMatcher fresh = new TextMatcher(builtIn, false);
        assertThat(loaded.precomputed()).isTrue();
        assertThat(fresh.precomputed()).isFalse();
        assertSameAnswers(loaded, fresh, 1);
    }

    @Test
    void anyKnowledgeWrittenAndReadBackGivesTheSameAnswers() throws IOException {
        // the extended pack merged with the built-in one: other problems, causes, markers and synonyms than the jar's
        TextMatcher.Analysis back = PrecomputedWords.read(PrecomputedWords.write(extended), extended);
        assertThat(back).isNotNull();
        assertSameAnalysis(back, TextMatcher.analyse(extended));
        assertSameAnswers(new TextMatcher(back), new TextMatcher(extended, false), 8); // a sample: matching is slow
    }

    @Test
    void knowledgeThatDiffersInAnyFieldIsNeverGivenTheResourcesAnalysis() throws IOException {
        byte[] resource = PrecomputedWords.write(builtIn);
        assertThat(PrecomputedWords.read(resource, builtIn)).isNotNull();
        List<Knowledge> changed = List.of(
                withFirst(p -> problem(p, p.problemId() + "-x", p.messages(), p.phrases(), p.where(), p.causes())),
                withFirst(p -> problem(p, p.problemId(), p.messages(), edited(p.phrases(), ph -> new Knowledge.Phrase(ph.language(), ph.text() + " now", ph.line())), p.where(), p.causes())),
                withFirst(p -> problem(p, p.problemId(), p.messages(), edited(p.phrases(), ph -> new Knowledge.Phrase(ph.language(), ph.text(), ph.line() + 1)), p.where(), p.causes())),
                withFirst(p -> problem(p, p.problemId(), p.messages(), edited(p.phrases(), ph -> new Knowledge.Phrase(Language.DE, ph.text(), ph.line())), p.where(), p.causes())),
                withFirst(p -> problem(p, p.problemId(), p.messages(), p.phrases(), p.where() + "0", p.causes())),
                withFirst(p -> problem(p, p.problemId(), p.messages(), p.phrases(), p.where(), Map.of("NEW_CAUSE", List.of(new Knowledge.Phrase(Language.EN, "a new cause", 1))))),
                withFirst(p -> new Knowledge.ProblemWords(p.problemId(), p.messages(), p.phrases(), List.of(), p.where(), p.causes(), p.allowed())),
                new Knowledge(builtIn.problems().subList(1, builtIn.problems().size()), builtIn.offTopic(), builtIn.synonyms()),
                new Knowledge(builtIn.problems(), List.of("printer"), builtIn.synonyms()),
                new Knowledge(builtIn.problems(), builtIn.offTopic(), builtIn.synonyms() + "\nprinter, copier\n"),
                extended);
        for (Knowledge k : changed) {
            assertThat(k).isNotEqualTo(builtIn);
            assertThat(PrecomputedWords.read(resource, k)).isNull();
            assertThat(new TextMatcher(k).precomputed()).isFalse();
        }
    }

    @Test
    void aPhraseChangedInThePacksFilesIsHeardAsChanged() throws IOException {
        // as a hot reload of an edited pack would build it: the new phrase must be heard, not the build's
        Knowledge.ProblemWords first = builtIn.problems().get(0);
        Knowledge k = withFirst(p -> problem(p, p.problemId(), p.messages(),
                List.of(new Knowledge.Phrase(Language.EN, "zebra crossing flickers purple", 1)), p.where(), p.causes()));
        TextMatcher m = new TextMatcher(k);
        assertThat(m.precomputed()).isFalse();
        assertThat(m.match(null, "the zebra crossing flickers purple again").candidates())
                .anySatisfy(c -> assertThat(c.problemId()).isEqualTo(first.problemId()));
        assertThat(new TextMatcher(builtIn).match(null, "the zebra crossing flickers purple again").candidates()).isEmpty();
    }

    @Test
    void aDamagedResourceIsIgnored() throws IOException {
        byte[] resource = PrecomputedWords.write(builtIn);
        assertThat(PrecomputedWords.read(Arrays.copyOf(resource, resource.length - 1), builtIn)).isNull();
        assertThat(PrecomputedWords.read(new byte[3], builtIn)).isNull();
        byte[] otherVersion = resource.clone();
        otherVersion[4]++;
        assertThat(PrecomputedWords.read(otherVersion, builtIn)).isNull();
    }

    @Test
    void theProductsOwnMessageIsHeardWithoutBuildingTheAnalyser() throws IOException {
        TextMatcher m = new TextMatcher(builtIn);
        String message = builtIn.problems().stream().flatMap(p -> p.messages().stream()).findFirst().orElseThrow().text();
        assertThat(m.match(message, null).exactMessage()).isEqualTo(message);
        assertThat(m.analyzerBuilt()).isFalse();
        assertThat(m.match(null, "my token app is locked").language()).isEqualTo(Language.EN);
        assertThat(m.analyzerBuilt()).isTrue();
    }

    @Test
    void theCodeThatKeysTheResourceIsEveryClassOfThePackage() throws Exception {
        // a class added to the package and left out of CODE could change the analysis unseen: the bug the key prevents
        try (Stream<Path> files = Files.list(classes().resolve(FOLDER))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class")).map(f -> f.substring(0, f.length() - 6)))
                    .containsExactlyInAnyOrder(PrecomputedWords.CODE);
        }
    }

    @Test
    void theBuildsResourceWasMadeByTheRunningCodeAndIsTaken() throws IOException {
        byte[] resource;
        try (InputStream in = PrecomputedWords.class.getClassLoader().getResourceAsStream(PrecomputedWords.RESOURCE)) {
            resource = in.readAllBytes();
        }
        assertThat(PrecomputedWords.currentCodeDigest()).isNotNegative();
        assertThat(ByteBuffer.wrap(resource).order(ByteOrder.LITTLE_ENDIAN).getInt(8)).isEqualTo((int) PrecomputedWords.currentCodeDigest());
        assertThat(PrecomputedWords.read(resource, builtIn)).isNotNull();
        assertThat(new TextMatcher(builtIn).precomputed()).isTrue();
    }

    @Test
    void aResourceRecordingAnotherDigestIsRefused() throws IOException {
        byte[] resource = PrecomputedWords.write(builtIn);
        assertThat(PrecomputedWords.read(resource, builtIn)).isNotNull();
        ByteBuffer.wrap(resource).order(ByteOrder.LITTLE_ENDIAN).putInt(8, (int) PrecomputedWords.currentCodeDigest() + 1);
        assertThat(PrecomputedWords.read(resource, builtIn)).isNull();
    }

    @Test
    void everyClassFileOfThePackageAndLucenesVersionChangeTheDigest(@TempDir Path dir) throws Exception {
        Path ours = copyOfPackage(dir.resolve("ours"));
        Path lucene = Files.createDirectories(dir.resolve("lucene").resolve(PrecomputedWords.LUCENE).getParent());
        try (InputStream in = LOADER.getResource(PrecomputedWords.LUCENE).openStream()) {
            Files.write(dir.resolve("lucene").resolve(PrecomputedWords.LUCENE), in.readAllBytes());
        }
        URL oursUrl = ours.toUri().toURL();
        URL luceneUrl = dir.resolve("lucene").toUri().toURL();
        long digest = PrecomputedWords.codeDigest(oursUrl, luceneUrl, LOADER);
        assertThat(digest).isEqualTo(PrecomputedWords.currentCodeDigest());
        List<Path> files = new ArrayList<>();
        for (String c : PrecomputedWords.CODE) {
            files.add(ours.resolve(FOLDER + c + ".class"));
        }
        files.add(dir.resolve("lucene").resolve(PrecomputedWords.LUCENE));
        for (Path f : files) {
            byte[] original = Files.readAllBytes(f);
            byte[] changed = original.clone();
            changed[changed.length / 2] ^= 1; // one bit: a recompiled method differs in at least that
            Files.write(f, changed);
            assertThat(PrecomputedWords.codeDigest(oursUrl, luceneUrl, LOADER)).as(f.toString()).isNotEqualTo(digest);
            Files.delete(f);
            assertThat(PrecomputedWords.codeDigest(oursUrl, luceneUrl, LOADER)).as("%s missing", f).isNotEqualTo(digest);
            Files.write(f, original);
        }
        assertThat(PrecomputedWords.codeDigest(oursUrl, luceneUrl, LOADER)).isEqualTo(digest);
    }

    @Test
    void theDigestIsTheSameFromAJarOrAnyClassPathAsFromTheBuildsFolder(@TempDir Path dir) throws Exception {
        // the build digests target/classes; the command line reads the jar's recorded CRCs; an embedder may nest jars
        Path jar = dir.resolve("code.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String c : PrecomputedWords.CODE) {
                out.putNextEntry(new ZipEntry(FOLDER + c + ".class"));
                out.write(Files.readAllBytes(classes().resolve(FOLDER + c + ".class")));
            }
        }
        URL lucene = org.apache.lucene.util.BytesRef.class.getProtectionDomain().getCodeSource().getLocation();
        assertThat(lucene.getPath()).endsWith(".jar"); // Lucene's own jar, from the local repository
        assertThat(PrecomputedWords.codeDigest(jar.toUri().toURL(), lucene, LOADER)).isEqualTo(PrecomputedWords.currentCodeDigest());
        assertThat(PrecomputedWords.codeDigest(null, null, LOADER)).isEqualTo(PrecomputedWords.currentCodeDigest());
    }

    @Test
    void wordsAnalysedByOtherCodeAreRefusedAndAnalysedAfreshAlike(@TempDir Path dir) throws Exception {
        // as an IDE leaves it: the build's resource beside a class file compiled since. The control, the package
        // copied as it is, shows that the resource is taken through the same class loader: the refusal is the change's.
        Path same = copyOfPackage(dir.resolve("same"));
        Path changed = copyOfPackage(dir.resolve("changed"));
        Path analyzer = changed.resolve(FOLDER + "TextAnalyzer.class");
        byte[] bytes = Files.readAllBytes(analyzer);
        bytes[bytes.length / 2] ^= 1;
        Files.write(analyzer, bytes);

        assertThat(Isolated.call(new Isolated(same).builtInMatcher(), "precomputed")).isEqualTo(true);
        Object matcher = new Isolated(changed).builtInMatcher();
        assertThat(Isolated.call(matcher, "precomputed")).isEqualTo(false);
        TextMatcher fresh = new TextMatcher(builtIn, false);
        for (int i = 0; i < tickets.size(); i += 3) { // a sample: a fresh class loader's matching runs cold
            String[] t = tickets.get(i);
            assertThat(String.valueOf(Isolated.call(matcher, "match", t[0], t[1]))).as("ticket %s / %s", t[0], t[1])
                    .isEqualTo(String.valueOf(fresh.match(t[0], t[1])));
        }
    }

    private static final String FOLDER = "dev/authdoctor/text/";
    private static final ClassLoader LOADER = PrecomputedWords.class.getClassLoader();

    /** The build's class folder, target/classes. */
    private static Path classes() throws Exception {
        return Path.of(PrecomputedWords.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The package's class files and the build's resource, copied under {@code root}, which is returned. */
    private static Path copyOfPackage(Path root) throws Exception {
        Path to = Files.createDirectories(root.resolve(FOLDER));
        try (Stream<Path> files = Files.list(classes().resolve(FOLDER))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return root;
    }

    /**
     * A class loader of its own for the project's classes (defined from the class path's bytes, so they behave as
     * built), whose text package is loaded from {@code root} as far as its code source and resources, class files and
     * words, say: a fresh process as far as the resource, read once per process, is concerned.
     */
    private static final class Isolated extends ClassLoader {
        private final Path root;
        private final ProtectionDomain text;

        Isolated(Path root) throws IOException {
            super(PrecomputedWordsTest.class.getClassLoader());
            this.root = root;
            this.text = new ProtectionDomain(new CodeSource(root.toUri().toURL(), (Certificate[]) null), null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.authdoctor.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length, name.startsWith("dev.authdoctor.text.") ? text : null);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            if (name.startsWith(FOLDER) && name.indexOf('/', FOLDER.length()) < 0) {
                Path f = root.resolve(name);
                try {
                    return Files.exists(f) ? f.toUri().toURL() : null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return super.getResource(name);
        }

        /** {@code new TextMatcher(Knowledge.merge(List.of(RulePack.builtIn().knowledge())))}, as a rule base builds it. */
        Object builtInMatcher() throws Exception {
            Class<?> packs = loadClass("dev.authdoctor.engine.RulePack");
            Class<?> knowledge = loadClass("dev.authdoctor.text.Knowledge");
            Object pack = packs.getMethod("builtIn").invoke(null);
            Object merged = knowledge.getMethod("merge", List.class).invoke(null, List.of(packs.getMethod("knowledge").invoke(pack)));
            return loadClass("dev.authdoctor.text.TextMatcher").getConstructor(knowledge).newInstance(merged);
        }

        static Object call(Object target, String method, Object... args) throws Exception {
            for (Method m : target.getClass().getDeclaredMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    m.setAccessible(true);
                    return m.invoke(target, args);
                }
            }
            throw new NoSuchMethodException(method);
        }
    }

    private static void assertSameAnalysis(TextMatcher.Analysis a, TextMatcher.Analysis b) {
        assertThat(a.entries()).isEqualTo(b.entries());
        assertThat(a.markers()).isEqualTo(b.markers());
        assertThat(a.weights()).isEqualTo(b.weights());
        assertThat(a.exactMessages().keySet()).isEqualTo(b.exactMessages().keySet());
        a.exactMessages().forEach((k, v) -> assertThat(v).containsExactly(b.exactMessages().get(k)));
        assertThat(a.synonyms()).isNotNull();
        assertThat(PrecomputedWords.synonymBytes(a.synonyms())).isEqualTo(PrecomputedWords.synonymBytes(b.synonyms()));
    }

    /**
     * Every {@code step}th ticket heard alike; every fourth of those explained alike (as {@code --explain} and why-not
     * ask: explaining is slower still) for the problem it was heard as first, each its markers ruled out, and the one
     * it is labelled with.
     */
    private static void assertSameAnswers(TextMatcher a, TextMatcher b, int step) {
        int explained = 0;
        for (int i = 0; i < tickets.size(); i += step) {
            String[] t = tickets.get(i);
            TextMatcher.Result heard = a.match(t[0], t[1]);
            assertThat(heard).as("ticket %s / %s", t[0], t[1]).isEqualTo(b.match(t[0], t[1]));
            if (i % (4 * step) != 0) {
                continue;
            }
            Set<String> problems = new LinkedHashSet<>();
            heard.candidates().stream().limit(1).forEach(c -> problems.add(c.problemId()));
            problems.addAll(heard.vetoed().keySet());
            problems.add(t[2]);
            for (String problem : problems) {
                TextMatcher.Explanation x = a.explain(problem, t[0], t[1]);
                assertThat(x).as("why %s for %s / %s", problem, t[0], t[1]).isEqualTo(b.explain(problem, t[0], t[1]));
                explained += x == null || x.where() == null ? 0 : 1;
            }
        }
        // explanations with their phrase and file were compared
        assertThat(explained).isGreaterThan(tickets.size() / step / 8);
    }

    private static Knowledge withFirst(UnaryOperator<Knowledge.ProblemWords> change) {
        List<Knowledge.ProblemWords> problems = new ArrayList<>(builtIn.problems());
        problems.set(0, change.apply(problems.get(0)));
        return new Knowledge(problems, builtIn.offTopic(), builtIn.synonyms());
    }

    private static Knowledge.ProblemWords problem(Knowledge.ProblemWords p, String id, List<Knowledge.Phrase> messages,
                                                  List<Knowledge.Phrase> phrases, String where, Map<String, List<Knowledge.Phrase>> causes) {
        return new Knowledge.ProblemWords(id, messages, phrases, p.not(), where, causes, p.allowed());
    }

    private static List<Knowledge.Phrase> edited(List<Knowledge.Phrase> phrases, UnaryOperator<Knowledge.Phrase> change) {
        List<Knowledge.Phrase> out = new ArrayList<>(phrases);
        out.set(0, change.apply(out.get(0)));
        return out;
    }
}
