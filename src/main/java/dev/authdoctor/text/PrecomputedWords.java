package dev.authdoctor.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.OutputStreamDataOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;
import org.apache.lucene.util.fst.ByteSequenceOutputs;
import org.apache.lucene.util.fst.FST;
import org.slf4j.LoggerFactory;

/**
 * The built-in pack's words, analysed by the build ({@code engine.Precompile}) and shipped in the jar: analysing every
 * message and phrase through Lucene was about a sixth of a cold start. The resource holds the knowledge it was made
 * from, every field of it; it is used only for knowledge equal to that, field by field. Any other (a pack changed or
 * reloaded, an organisation's pack, several packs merged) is analysed as before. It is also keyed by the code that made
 * it ({@link #CODE}): an IDE's build, or a partial one, can change the analysing classes without running the build
 * step again, and the words the old code analysed would then be heard differently from a fresh analysis.
 *
 * <p>Format, little-endian: a header of seven ints (magic {@code ADTW}, format version, the code's digest, count of
 * strings, of their UTF-8 bytes, of ints, of the synonyms' bytes); the ints; the strings' bytes; the synonyms. The ints are the strings'
 * lengths, then the knowledge ({@link #describe}), then the analysis: words, entries, markers, weights, exact messages,
 * every string as its index in the table (-1 for null). Read as one int array: at a cold start the loading runs mostly
 * interpreted, where array reads are cheap and stream calls are not. The synonyms are Lucene's {@link SynonymMap} as
 * parsed (its words, then its FST as Lucene saves one): parsing them was most of the cost of the first ticket's analyser.
 */
public final class PrecomputedWords {

    /** Where the build writes it, on the class path. */
    public static final String RESOURCE = "dev/authdoctor/text/builtin-words.bin";
    private static final int MAGIC = 0x41445457; // "ADTW"
    /**
     * The binary layout's version: raise it when the layout changes. Not for changes of the analysis: those change the
     * code's digest ({@link #CODE}), which refuses the resource by itself.
     */
    private static final int VERSION = 2;
    private static final int HEADER = 7 * Integer.BYTES;

    /**
     * The class files whose bytes key the resource: every class of this package, not only those the analysis runs
     * (TextMatcher.analyse, TextAnalyzer, Language, Knowledge, this class's reading and writing). A list of the
     * analysing classes alone would have to be kept right by hand as code moves between them, which is the bug this
     * key exists to prevent; the whole package costs little more, and a change to matching alone only makes a stale
     * IDE build analyse afresh. PrecomputedWordsTest checks this list against the package's class files. Nothing
     * outside the package shapes the analysis but Lucene (its stemmers, stop words, synonym parser), keyed by its
     * Version class, whose bytes change with every release. The JDK is left out on purpose: the launcher runs the
     * newest JDK installed, and keying by it would refuse the jar's words on any JDK but the build's.
     */
    static final String[] CODE = {
        "EditDistance", "Knowledge", "Knowledge$Phrase", "Knowledge$ProblemWords", "Language", "Language$1",
        "PrecomputedWords", "PrecomputedWords$1", "PrecomputedWords$2", "PrecomputedWords$Code", "PrecomputedWords$Ints",
        "PrecomputedWords$Resource", "PrecomputedWords$Sink", "TextAnalyzer", "TextAnalyzer$1", "TextAnalyzer$2",
        "TextAnalyzer$Word", "TextMatcher", "TextMatcher$Analysis", "TextMatcher$Entry", "TextMatcher$Explanation",
        "TextMatcher$Marker", "TextMatcher$Result", "TextMatcher$Scored", "TextMatcher$Term", "TextMatcher$Ticket",
        "package-info"};
    static final String LUCENE = "org/apache/lucene/util/Version.class";

    private PrecomputedWords() {
    }

    /** What {@link #describe} reports, in order: written by the build, compared when loading. */
    private interface Sink {
        void string(String s);

        void number(int n);

        /** A phrase of the knowledge; entries name phrases by the order they are met in here. */
        void phrase(Knowledge.Phrase p);
    }

    /** Every field of the knowledge, in a fixed order (causes by code): two descriptions are equal only for equal knowledge. */
    private static void describe(Knowledge k, Sink out) {
        out.number(k.problems().size());
        for (Knowledge.ProblemWords p : k.problems()) {
            out.string(p.problemId());
            out.string(p.where());
            phrases(p.messages(), out);
            phrases(p.phrases(), out);
            strings(p.not(), out);
            strings(p.allowed(), out);
            Map<String, List<Knowledge.Phrase>> causes = new TreeMap<>(p.causes());
            out.number(causes.size());
            causes.forEach((code, phrases) -> {
                out.string(code);
                phrases(phrases, out);
            });
        }
        strings(k.offTopic(), out);
        out.string(k.synonyms());
    }

    private static void phrases(List<Knowledge.Phrase> phrases, Sink out) {
        out.number(phrases.size());
        for (Knowledge.Phrase p : phrases) {
            out.number(p.language().ordinal());
            out.string(p.text());
            out.number(p.line());
            out.phrase(p);
        }
    }

    private static void strings(List<String> strings, Sink out) {
        out.number(strings.size());
        strings.forEach(out::string);
    }

    /** The resource for this knowledge: the merged knowledge a rule base of the built-in pack alone builds. */
    public static byte[] write(Knowledge knowledge) {
        return write(knowledge, TextMatcher.analyse(knowledge));
    }

    static byte[] write(Knowledge knowledge, TextMatcher.Analysis a) {
        Ints ints = new Ints();
        List<String> strings = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        java.util.function.ToIntFunction<String> idx = s -> s == null ? -1 : index.computeIfAbsent(s, x -> {
            strings.add(x);
            return strings.size() - 1;
        });
        Map<Knowledge.Phrase, Integer> phraseNumbers = new java.util.IdentityHashMap<>();
        int[] met = {0};
        describe(knowledge, new Sink() {
            public void string(String s) {
                ints.add(idx.applyAsInt(s));
            }

            public void number(int n) {
                ints.add(n);
            }

            public void phrase(Knowledge.Phrase p) {
                phraseNumbers.putIfAbsent(p, met[0]++); // its place in the description, as the reader counts
            }
        });
        List<TextAnalyzer.Word> words = new ArrayList<>();
        Map<TextAnalyzer.Word, Integer> wordIndex = new HashMap<>();
        a.entries().forEach(e -> e.words().forEach(w -> wordIndex.computeIfAbsent(w, x -> {
            words.add(x);
            return words.size() - 1;
        })));
        ints.add(words.size());
        for (TextAnalyzer.Word w : words) {
            ints.add(idx.applyAsInt(w.surface()));
            ints.add(idx.applyAsInt(w.stem()));
        }
        ints.add(a.entries().size());
        for (TextMatcher.Entry e : a.entries()) {
            Integer phrase = phraseNumbers.get(e.phrase());
            if (phrase == null) {
                throw new IllegalStateException("an entry's phrase is not one of the knowledge's: " + e.phrase());
            }
            ints.add(idx.applyAsInt(e.problemId()));
            ints.add(idx.applyAsInt(e.cause()));
            ints.add(e.message() ? 1 : 0);
            ints.add(phrase);
            ints.add(idx.applyAsInt(e.file()));
            ints.add(e.words().size());
            e.words().forEach(w -> ints.add(wordIndex.get(w)));
        }
        ints.add(a.markers().size());
        for (TextMatcher.Marker m : a.markers()) {
            ints.add(idx.applyAsInt(m.problemId()));
            ints.add(m.words().size());
            m.words().forEach(w -> ints.add(idx.applyAsInt(w)));
        }
        Map<String, Double> weights = new TreeMap<>(a.weights()); // sorted: the same knowledge, the same bytes
        ints.add(weights.size());
        weights.forEach((stem, weight) -> {
            long bits = Double.doubleToRawLongBits(weight);
            ints.add(idx.applyAsInt(stem));
            ints.add((int) (bits >>> 32));
            ints.add((int) bits);
        });
        Map<String, String[]> exact = new TreeMap<>(a.exactMessages());
        ints.add(exact.size());
        exact.forEach((normalised, message) -> {
            ints.add(idx.applyAsInt(normalised));
            ints.add(idx.applyAsInt(message[0]));
            ints.add(idx.applyAsInt(message[1]));
        });

        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        int[] lengths = new int[strings.size()];
        for (int i = 0; i < lengths.length; i++) {
            byte[] b = strings.get(i).getBytes(StandardCharsets.UTF_8);
            lengths[i] = b.length;
            blob.writeBytes(b);
        }
        byte[] synonyms = synonymBytes(a.synonyms());
        ByteBuffer out = ByteBuffer.allocate(HEADER + (lengths.length + ints.size) * Integer.BYTES + blob.size() + synonyms.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(buildersDigest()).putInt(lengths.length).putInt(blob.size())
                .putInt(lengths.length + ints.size).putInt(synonyms.length);
        out.asIntBuffer().put(lengths).put(ints.values, 0, ints.size);
        out.position(out.position() + (lengths.length + ints.size) * Integer.BYTES);
        out.put(blob.toByteArray());
        out.put(synonyms);
        return out.array();
    }

    /** The parsed synonyms as bytes: its words by id (the FST's outputs name them by id), then the FST; none for null. */
    static byte[] synonymBytes(SynonymMap map) {
        if (map == null) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            OutputStreamDataOutput out = new OutputStreamDataOutput(bytes);
            out.writeVInt(map.maxHorizontalContext);
            out.writeVInt(map.words.size());
            BytesRef word = new BytesRef();
            for (int i = 0; i < map.words.size(); i++) {
                map.words.get(i, word);
                out.writeVInt(word.length);
                out.writeBytes(word.bytes, word.offset, word.length);
            }
            map.fst.save(out, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static SynonymMap synonyms(byte[] resource, int offset, int length) throws IOException {
        if (length == 0) {
            return null;
        }
        ByteArrayDataInput in = new ByteArrayDataInput(resource, offset, length);
        int maxHorizontalContext = in.readVInt();
        int n = in.readVInt();
        BytesRefHash words = new BytesRefHash();
        for (int i = 0; i < n; i++) {
            byte[] w = new byte[in.readVInt()];
            in.readBytes(w, 0, w.length);
            if (words.add(new BytesRef(w)) != i) {
                throw new IOException("synonym word " + i + " out of order");
            }
        }
        FST<BytesRef> fst = new FST<>(FST.readMetadata(in, ByteSequenceOutputs.getSingleton()), in);
        if (in.getPosition() != offset + length) {
            throw new IOException("trailing bytes after the synonyms");
        }
        return new SynonymMap(fst, words, maxHorizontalContext);
    }

    /**
     * The analysis of this knowledge from the jar's resource; null when there is none, or it was made from other
     * knowledge or by other code.
     */
    static TextMatcher.Analysis load(Knowledge knowledge) {
        byte[] resource = Resource.BYTES;
        try {
            return resource == null ? null : read(resource, knowledge);
        } catch (IOException | RuntimeException e) {
            refused("it cannot be read (" + e + ")");
            return null; // analysed afresh: slower, never wrong
        }
    }

    private static void refused(String why) {
        LoggerFactory.getLogger(PrecomputedWords.class).debug("{} not used, its words are analysed afresh: {}", RESOURCE, why);
    }

    /** The digest of the code running now, for the resource being written; the build fails when it cannot be read. */
    private static int buildersDigest() {
        if (Code.DIGEST < 0) {
            throw new IllegalStateException("the class files of " + PrecomputedWords.class.getPackageName() + " cannot be read: "
                    + "a resource written now could never be used");
        }
        return (int) Code.DIGEST;
    }

    /** The digest of the code running now ({@link #codeDigest}); -1 when it cannot be read. */
    static long currentCodeDigest() {
        return Code.DIGEST;
    }

    /** The running code's digest, computed once per process, and only when a resource made from this knowledge is met. */
    private static final class Code {
        static final long DIGEST = compute();

        private static long compute() {
            try {
                // BytesRef: a class of Lucene's core that is loaded already, beside its Version class
                return codeDigest(location(PrecomputedWords.class), location(BytesRef.class), PrecomputedWords.class.getClassLoader());
            } catch (IOException | URISyntaxException | RuntimeException e) {
                refused("its class files cannot be read (" + e + ")");
                return -1;
            }
        }

        /** The jar or folder a class was loaded from; null when its class loader does not say. */
        private static URL location(Class<?> c) {
            java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
            return source == null ? null : source.getLocation();
        }
    }

    /**
     * A digest of the {@link #CODE} class files and of Lucene's {@link #LUCENE}: CRC-32 over each file's CRC-32 and
     * size. A CRC only has to see a change here, not resist one. {@code ours} and {@code lucene} are where the classes
     * were loaded from (the classes that run, not the first copy a class path holds): from a jar the CRC-32s are those
     * its directory records, so nothing is inflated; from a folder (an IDE's build, the build step itself) the files
     * are read; from anything else (null: a jar within a jar, a module image) they are read as {@code loader}'s
     * resources. The same bytes give the same digest every way. At a cold start from the jar this costs about 2 ms of
     * CPU; reading the files as resources cost 8-15 ms (0.3 ms each, interpreted) and SHA-256 over them 35 more.
     */
    static long codeDigest(URL ours, URL lucene, ClassLoader loader) throws IOException, URISyntaxException {
        ByteBuffer crcs = ByteBuffer.allocate((CODE.length + 1) * 2 * Integer.BYTES);
        String[] files = new String[CODE.length];
        for (int i = 0; i < files.length; i++) {
            files[i] = FOLDER.concat(CODE[i]).concat(".class"); // not +: a call site of its own to link, at a cold start
        }
        crcs(ours, files, loader, crcs);
        crcs(lucene, new String[] {LUCENE}, loader, crcs);
        CRC32 digest = new CRC32(); // not CRC-32C: loading that class was a millisecond of a cold start, CRC32 is loaded
        digest.update(crcs.array());
        return digest.getValue();
    }

    private static final String FOLDER = "dev/authdoctor/text/";

    /** Puts each file's CRC-32 and size into {@code into} (-1, -1 for one that is missing). */
    private static void crcs(URL root, String[] files, ClassLoader loader, ByteBuffer into) throws IOException, URISyntaxException {
        Path path = root != null && "file".equals(root.getProtocol()) ? Path.of(root.toURI()) : null;
        if (path != null && Files.isDirectory(path)) {
            for (String f : files) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(path.resolve(f));
                } catch (NoSuchFileException e) {
                    bytes = null;
                }
                crc(bytes, into);
            }
        } else if (path != null) {
            // the class loader holds the jar open: opening it again shares its directory, already read
            try (ZipFile jar = new ZipFile(path.toFile())) {
                for (String f : files) {
                    ZipEntry e = jar.getEntry(f);
                    into.putInt(e == null ? -1 : (int) e.getCrc()).putInt(e == null ? -1 : (int) e.getSize());
                }
            }
        } else {
            for (String f : files) {
                byte[] bytes = null;
                URL url = loader.getResource(f);
                if (url != null) {
                    try (InputStream in = url.openStream()) {
                        bytes = in.readAllBytes();
                    }
                }
                crc(bytes, into);
            }
        }
    }

    private static void crc(byte[] bytes, ByteBuffer into) {
        if (bytes == null) {
            into.putInt(-1).putInt(-1);
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        into.putInt((int) crc.getValue()).putInt(bytes.length);
    }

    /** The jar's resource, read once per process: every rule base built (a reload, each mutant of a mutation run) asks. */
    private static final class Resource {
        static final byte[] BYTES = readResource();

        private static byte[] readResource() {
            try (InputStream in = PrecomputedWords.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * The analysis held by {@code resource} if it was made from knowledge equal to this one, by the code running now;
     * null otherwise.
     */
    static TextMatcher.Analysis read(byte[] resource, Knowledge knowledge) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(resource).order(ByteOrder.LITTLE_ENDIAN);
        if (resource.length < HEADER || buffer.getInt() != MAGIC) {
            refused("it is not one");
            return null;
        }
        if (buffer.getInt() != VERSION) {
            refused("its layout is another version's");
            return null;
        }
        int codeDigest = buffer.getInt();
        int stringCount = buffer.getInt();
        int blobLength = buffer.getInt();
        int[] ints = new int[buffer.getInt()];
        int synonymsLength = buffer.getInt();
        if (resource.length != HEADER + ints.length * Integer.BYTES + blobLength + synonymsLength) {
            return null;
        }
        buffer.asIntBuffer().get(ints);
        String[] strings = new String[stringCount];
        int at = HEADER + ints.length * Integer.BYTES;
        for (int i = 0; i < stringCount; i++) {
            strings[i] = new String(resource, at, ints[i], StandardCharsets.UTF_8);
            at += ints[i];
        }
        int[] pos = {stringCount};
        List<Knowledge.Phrase> phrases = new ArrayList<>();
        boolean[] same = {true};
        describe(knowledge, new Sink() {
            public void string(String s) {
                int i = next();
                same[0] &= s == null ? i == -1 : i >= 0 && i < strings.length && s.equals(strings[i]);
            }

            public void number(int n) {
                same[0] &= next() == n;
            }

            /** The next int of the description; past its end (knowledge larger than the build's) a mismatch. */
            private int next() {
                if (pos[0] >= ints.length) {
                    same[0] = false;
                    return Integer.MIN_VALUE;
                }
                return ints[pos[0]++];
            }

            public void phrase(Knowledge.Phrase p) {
                phrases.add(p);
            }
        });
        if (!same[0]) {
            return null; // another pack's knowledge, as expected: nothing to report
        }
        // checked once the knowledge is the build's: a rule base of other packs does not read the class files at all
        if (Code.DIGEST < 0 || codeDigest != (int) Code.DIGEST) {
            refused("it was made by other code than this (an IDE's or a partial build that did not run engine.Precompile)");
            return null;
        }
        // from here, the knowledge is the one the build analysed: the rest is read as written
        int p = pos[0];
        TextAnalyzer.Word[] words = new TextAnalyzer.Word[ints[p++]];
        for (int i = 0; i < words.length; i++, p += 2) {
            words[i] = new TextAnalyzer.Word(strings[ints[p]], strings[ints[p + 1]]);
        }
        int n = ints[p++];
        List<TextMatcher.Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String problemId = at(strings, ints[p++]);
            String cause = at(strings, ints[p++]);
            boolean message = ints[p++] == 1;
            Knowledge.Phrase phrase = phrases.get(ints[p++]);
            String file = at(strings, ints[p++]);
            TextAnalyzer.Word[] ws = new TextAnalyzer.Word[ints[p++]];
            for (int j = 0; j < ws.length; j++) {
                ws[j] = words[ints[p++]];
            }
            entries.add(new TextMatcher.Entry(problemId, cause, List.of(ws), message, phrase, file));
        }
        n = ints[p++];
        List<TextMatcher.Marker> markers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String problemId = at(strings, ints[p++]);
            String[] ws = new String[ints[p++]];
            for (int j = 0; j < ws.length; j++) {
                ws[j] = strings[ints[p++]];
            }
            markers.add(new TextMatcher.Marker(problemId, List.of(ws)));
        }
        n = ints[p++];
        Map<String, Double> weights = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++, p += 3) {
            weights.put(strings[ints[p]], Double.longBitsToDouble(((long) ints[p + 1] << 32) | (ints[p + 2] & 0xffffffffL)));
        }
        n = ints[p++];
        Map<String, String[]> exact = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++, p += 3) {
            exact.put(strings[ints[p]], new String[] {strings[ints[p + 1]], strings[ints[p + 2]]});
        }
        return p == ints.length ? new TextMatcher.Analysis(entries, markers, weights, exact, synonyms(resource, at, synonymsLength)) : null;
    }

    private static String at(String[] strings, int i) {
        return i < 0 ? null : strings[i];
    }

    /** A growable int array: the writer's, at build time. */
    private static final class Ints {
        int[] values = new int[1024];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
