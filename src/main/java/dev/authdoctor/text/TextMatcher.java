package dev.authdoctor.text;

import dev.authdoctor.vocabulary.TextCandidate;
import dev.authdoctor.vocabulary.TextCause;
import org.apache.lucene.analysis.synonym.SynonymMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores each problem a pack knows against a ticket's {@code error.message} and {@code description}.
 *
 * <p>Every message and phrase the pack declares is analysed once ({@link TextAnalyzer}). A ticket's score for
 * a problem is the best share, over that problem's messages and phrases, of the phrase's words the ticket
 * holds, each word weighted by its rarity among all the pack's phrases (a word every phrase uses says
 * little). A word counts when the ticket holds it, or holds it within one edit (two for words of seven
 * letters or more, counting a swap of two letters as one edit: typos, and OCR's l/I/1, 0/O, rn/m), or holds it
 * split in two or joined to its neighbour. Near-miss markers of a problem, and the pack's off-topic markers,
 * veto. Results are cached by normalised text, since exports repeat the same messages.
 */
public final class TextMatcher {

    /** A fuzzy match is worth less than the word itself. */
    static final double FUZZY = 0.85;
    /** Only candidates at least this good are reported at all. */
    static final double REPORTED = 0.4;
    /** A phrase's score is its coverage times {@code min(1, BASE + matched weight / WEIGHT)}. */
    static final double SPECIFIC_BASE = 0.8;
    static final double SPECIFIC_WEIGHT = 100.0;
    private static final int CACHE_LIMIT = 20_000;
    /**
     * The cache is bounded by characters too: its keys are whole tickets, and a reader accepts texts of 100,000
     * characters, so 20,000 entries alone could hold gigabytes (a hostile export, under a 256 MiB heap). A ticket
     * longer than {@link #CACHED_TEXT} is not kept at all: one so long is rarely repeated word for word.
     */
    static final int CACHED_CHARS = 2_000_000;
    static final int CACHED_TEXT = 2_000;
    public static final String MESSAGE = "error.message";
    public static final String DESCRIPTION = "description";
    public static final String BOTH = "error.message+description";
    private static final String NEGATED = TextAnalyzer.NEG + "+";

    /**
     * A message or phrase, analysed; {@code cause} is null unless it says why (a cause code of the problem). The phrase
     * as declared and its file (null when not read from one) are kept for explanations only.
     */
    record Entry(String problemId, String cause, List<TextAnalyzer.Word> words, boolean message, Knowledge.Phrase phrase,
                 String file) {
        String key() {
            return cause == null ? problemId : problemId + "\u0000" + cause;
        }
    }

    /** Near-miss words of a problem; {@code problemId} null for an off-topic marker, which rules every problem out. */
    record Marker(String problemId, List<String> words) {
    }

    /**
     * Everything the matcher learns from a pack's knowledge before it hears a ticket: the analysed messages and phrases,
     * the markers' words, each stem's weight, the product's messages by normalised text ({problem id, the message as
     * declared}) and the parsed synonyms (null for none), which the analyser of tickets needs. Depends on the knowledge
     * alone, so the build can make it once for the built-in pack ({@link PrecomputedWords}).
     */
    record Analysis(List<Entry> entries, List<Marker> markers, Map<String, Double> weights, Map<String, String[]> exactMessages,
                    SynonymMap synonyms) {
    }

    /** The outcome for one ticket: the candidates, best first, and the problems its markers vetoed. */
    public record Result(List<TextCandidate> candidates, List<TextCause> causes, Map<String, String> vetoed, Language language,
                         String exactMessage) {
        Result(List<TextCandidate> candidates, List<TextCause> causes, Map<String, String> vetoed, Language language) {
            this(candidates, causes, vetoed, language, null);
        }
    }

    private final SynonymMap synonyms;
    private final boolean precomputed;
    /** Built on first use when the analysis was precomputed: a product's own message, or an incident without text, needs none. */
    private volatile TextAnalyzer analyzer;
    private final List<Entry> entries;
    private final List<Marker> markers;
    private final Map<String, Double> weights;
    /**
     * Words people write as meant far more often than they mistype another word one or two letters away, each of
     * which that other word is not: a ticket word that is one of these is not read as a typo ("token" is not "taken",
     * "looked" is not "locked", "valid" is not "invalid", "active" is not "inactive", "getting" is not "setting").
     * A list, not the pack's whole vocabulary: the vocabulary also holds the same word in another language or form
     * ("certificado", "passwort", "refuses"), which a near spelling rightly meets.
     */
    static final Set<String> SPELLED_AS_MEANT = Set.of("looked", "looking", "looks", "taken", "token", "tokens", "valid",
            "active", "getting", "setting", "signing", "times", "timed", "reset", "resent", "contact", "connect");
    /** Normalised message text to {problem id, the message as declared}. */
    private final Map<String, String[]> exactMessages;
    private final Map<String, Result> cache = new ConcurrentHashMap<>();
    /** The same results keyed by the texts as given, before digits are collapsed and OCR repaired. */
    private final Map<String, Result> cacheAsGiven = new ConcurrentHashMap<>();
    /** The characters of both caches' keys, about. */
    private final java.util.concurrent.atomic.AtomicLong cachedChars = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The matcher of a pack's knowledge. When the knowledge is exactly what the build analysed for the built-in pack
     * ({@link PrecomputedWords}), that analysis is loaded instead of made again: it is most of the matcher's cost at start.
     *
     * @throws IllegalArgumentException when the synonyms cannot be read
     */
    public TextMatcher(Knowledge knowledge) {
        this(knowledge, true);
    }

    /** As {@link #TextMatcher(Knowledge)}; {@code precomputed} false always analyses (tests compare the two). */
    TextMatcher(Knowledge knowledge, boolean precomputed) {
        this(precomputed && !knowledge.problems().isEmpty() ? PrecomputedWords.load(knowledge) : null, knowledge);
    }

    /** A matcher of this knowledge starting from an analysis made before (tests: one read back from a resource). */
    TextMatcher(Analysis analysis) {
        this(analysis, null);
    }

    /** From {@code loaded} when there is one, else from an analysis of {@code knowledge} made now. */
    private TextMatcher(Analysis loaded, Knowledge knowledge) {
        Analysis a = loaded;
        if (a == null) {
            // analysed now: also how a bad synonym rule is reported, at once
            this.analyzer = new TextAnalyzer(knowledge.synonyms());
            a = analyse(knowledge, analyzer);
        }
        this.precomputed = loaded != null;
        this.synonyms = a.synonyms();
        this.entries = a.entries();
        this.markers = a.markers();
        this.weights = a.weights();
        this.exactMessages = a.exactMessages();
    }

    /** Whether the analysis was loaded rather than made by this matcher. */
    boolean precomputed() {
        return precomputed;
    }

    /** Whether the Lucene analyser has been built yet. */
    boolean analyzerBuilt() {
        return analyzer != null;
    }

    /** The analysis the matcher of this knowledge starts from, made now. */
    static Analysis analyse(Knowledge knowledge) {
        return analyse(knowledge, new TextAnalyzer(knowledge.synonyms()));
    }

    private static Analysis analyse(Knowledge knowledge, TextAnalyzer analyzer) {
        List<Entry> entries = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        Map<String, String[]> exactMessages = new HashMap<>();
        for (Knowledge.ProblemWords p : knowledge.problems()) {
            String file = p.where() == null ? null : p.where().replaceFirst(":\\d+$", "");
            // in cause order: the same entries in the same order in every run, the build's included
            new TreeMap<>(p.causes()).forEach((cause, phrases) -> phrases.forEach(ph -> add(entries, analyzer, p.problemId(), cause, ph, false, file)));
            for (Knowledge.Phrase m : p.messages()) {
                add(entries, analyzer, p.problemId(), null, m, true, file);
                exactMessages.putIfAbsent(normalise(m.text()), new String[] {p.problemId(), m.text()});
            }
            for (Knowledge.Phrase ph : p.phrases()) {
                add(entries, analyzer, p.problemId(), null, ph, false, file);
            }
            for (String n : p.not()) {
                markers.add(new Marker(p.problemId(), markerWords(analyzer, n)));
            }
        }
        for (String n : knowledge.offTopic()) {
            markers.add(new Marker(null, markerWords(analyzer, n)));
        }
        Map<String, Integer> df = new HashMap<>();
        for (Entry e : entries) {
            new HashSet<>(e.words().stream().map(TextAnalyzer.Word::stem).toList()).forEach(s -> df.merge(s, 1, Integer::sum));
        }
        int n = Math.max(1, entries.size());
        Map<String, Double> weights = new HashMap<>();
        df.forEach((stem, count) -> weights.put(stem, Math.log(1.0 + (double) n / count)));
        return new Analysis(entries, markers, weights, exactMessages, analyzer.synonymMap());
    }

    private static void add(List<Entry> entries, TextAnalyzer analyzer, String problemId, String cause, Knowledge.Phrase phrase,
                            boolean message, String file) {
        List<TextAnalyzer.Word> words = analyzer.words(phrase.text(), phrase.language());
        if (!words.isEmpty()) {
            entries.add(new Entry(problemId, cause, words, message, phrase, file));
        }
        // and as written, for tickets whose typos keep the synonyms from recognising a word
        List<TextAnalyzer.Word> literal = analyzer.words(phrase.text(), phrase.language(), false);
        if (!literal.isEmpty() && !literal.equals(words)) {
            entries.add(new Entry(problemId, cause, literal, message, phrase, file));
        }
    }

    public TextAnalyzer analyzer() {
        TextAnalyzer a = analyzer;
        if (a == null) {
            synchronized (this) {
                a = analyzer;
                if (a == null) {
                    a = new TextAnalyzer(synonyms);
                    analyzer = a;
                }
            }
        }
        return a;
    }

    /** The characters the caches' keys hold now, about (for tests of the bound). */
    long cachedChars() {
        return cachedChars.get();
    }

    /** The words a phrase keeps after analysis, as stems: validation says when a phrase keeps too few. */
    public List<String> stems(String text, Language language) {
        return analyzer().words(text, language).stream().map(TextAnalyzer.Word::stem).toList();
    }

    /** The candidates for a ticket, best first. Either text may be null. */
    public Result match(String message, String description) {
        // The texts as given first: exports repeat them word for word, and a hit then skips the repairs below too.
        String asGiven = (message == null ? "" : message) + '\u0001' + (description == null ? "" : description);
        Result seen = cacheAsGiven.get(asGiven);
        if (seen != null) {
            return seen;
        }
        // Numbers (tenant ids, error numbers, dates) say nothing about which problem it is, and would make every
        // line of an export a new text: runs of two digits or more count as one digit. Single digits stay (OCR's 1 for l).
        message = repairOcr(collapseDigits(message));
        description = repairOcr(collapseDigits(description));
        // Keyed by the text itself: a hit costs one hash look-up; case or spacing variants are separate entries,
        // which only costs memory, and the cache is bounded.
        String key = (message == null ? "" : message) + '\u0001' + (description == null ? "" : description);
        Result r = cache.get(key);
        if (r == null) {
            r = compute(message, description);
        }
        if (asGiven.length() > CACHED_TEXT) {
            return r;
        }
        if (cache.size() >= CACHE_LIMIT || cacheAsGiven.size() >= CACHE_LIMIT || cachedChars.get() >= CACHED_CHARS) {
            cache.clear(); // crude, but bounded: a long export of ever-new texts must not grow the heap
            cacheAsGiven.clear();
            cachedChars.set(0);
        }
        // only keys not held yet count: a text met again in another form is already in the cache by its repaired form
        if (cache.putIfAbsent(key, r) == null) {
            cachedChars.addAndGet(key.length());
        }
        if (cacheAsGiven.putIfAbsent(asGiven, r) == null) {
            cachedChars.addAndGet(asGiven.length());
        }
        return r;
    }

    /**
     * A word of a declared message or phrase ({@code word}, as the phrase writes it) and, when the ticket holds it, the
     * ticket's words that matched it, as the person wrote them ({@code written}); {@code exact} is false for a near
     * spelling or a split or joined word.
     */
    public record Term(String word, String written, boolean exact) {
    }

    /**
     * Why a ticket's words do, or do not, point to one problem: the problem's best-scoring declared message or phrase
     * ({@code where}: its file and line, when known), the field and language the ticket was read in, which of the
     * phrase's words the ticket holds (as written) and which it lacks, and the score the matcher gives the problem.
     * {@code vetoedBy} is the marker that ruled the problem out (the score is then what it would have been);
     * {@code exactMessageOf} the problem whose own message the ticket's message is, word for word (no other is heard then).
     */
    public record Explanation(String problemId, String phrase, String phraseLanguage, boolean productMessage, String where,
                              String field, String language, List<Term> present, List<String> missing, double score,
                              String vetoedBy, String exactMessageOf) {
        public Explanation {
            present = List.copyOf(present);
            missing = List.copyOf(missing);
        }
    }

    /**
     * Says why the ticket's words score as they do for one problem (see {@link Explanation}). Reads the ticket as
     * {@link #match} does, with the same scores; not cached, and slower: meant for explanations, not batches.
     *
     * @return null when the packs declare no message or phrase for the problem, or the ticket has no words
     */
    public Explanation explain(String problemId, String message, String description) {
        message = collapseDigits(message);
        description = collapseDigits(description);
        boolean hasMessage = message != null && !message.isBlank();
        boolean hasDescription = description != null && !description.isBlank();
        List<Entry> own = entries.stream().filter(e -> e.problemId().equals(problemId) && e.cause() == null).toList();
        if (own.isEmpty() || (!hasMessage && !hasDescription)) {
            return null;
        }
        String[] exact = exactMessages.get(withoutErrorPrefix(normalise(message)));
        if (exact != null && !hasDescription && exact[0].equals(problemId)) {
            Entry e = own.stream().filter(x -> x.message() && x.phrase().text().equals(exact[1])).findFirst().orElse(own.get(0));
            List<Term> all = new ArrayList<>();
            for (String w : phraseWords(e)) {
                all.add(new Term(w, w, true));
            }
            return explanation(e, MESSAGE, Language.EN, all, List.of(), 1.0, null, exact[0]);
        }
        String all = (message == null ? "" : message) + "\n" + (description == null ? "" : description);
        Language language = analyzer().detect(all);
        Map<String, String> vetoed = vetoes(all);
        String veto = vetoed.containsKey(problemId) ? vetoed.get(problemId) : vetoed.get("*");
        Scored best = null;
        best = better(best, scored(own, message, MESSAGE, language));
        best = better(best, scored(own, description, DESCRIPTION, language));
        if (hasMessage && hasDescription) {
            best = better(best, scored(own, all, BOTH, language));
        }
        if (best == null) {
            return null;
        }
        Entry e = best.entry();
        List<TextAnalyzer.Word> words = e.words();
        List<String> inPhrase = phraseWords(e);
        List<int[]> spans = analyzer().spans(best.text());
        Map<String, Ticket> grams = new HashMap<>();
        List<Term> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            if (!seen.add(inPhrase.get(i))) {
                continue;
            }
            double q = best.qualities()[i];
            if (q > 0) {
                String written = writtenIn(best.text(), spans, language, words, i, grams);
                present.add(new Term(inPhrase.get(i), written == null ? inPhrase.get(i) : written, q >= 1.0));
            } else {
                missing.add(inPhrase.get(i));
            }
        }
        return explanation(e, best.field(), language, present, missing, best.score(), veto,
                exact != null && !hasDescription ? exact[0] : null);
    }

    private static Explanation explanation(Entry e, String field, Language language, List<Term> present, List<String> missing,
                                           double score, String veto, String exactOf) {
        String where = e.file() == null ? null : e.phrase().line() > 0 ? e.file() + ":" + e.phrase().line() : e.file();
        // the product's own message, when it is another problem's, gives this one nothing
        double s = exactOf != null && !exactOf.equals(e.problemId()) ? 0 : score;
        return new Explanation(e.problemId(), e.phrase().text(), e.phrase().language().code(), e.message(), where, field,
                language.code(), present, missing, s, veto, exactOf);
    }

    /** One entry scored against one field, as {@link #score} scores it; {@code raw} ignores the two-word minimum. */
    private record Scored(Entry entry, String field, String text, double[] qualities, double score, double raw) {
    }

    private static Scored better(Scored a, Scored b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.score() > a.score() || (b.score() == a.score() && b.raw() > a.raw()) ? b : a;
    }

    private Scored scored(List<Entry> own, String text, String field, Language language) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Ticket ticket = ticketOf(text, language);
        Scored best = null;
        for (Entry e : own) {
            List<TextAnalyzer.Word> words = e.words();
            double[] q = new double[words.size()];
            double total = 0;
            double got = 0;
            Set<String> matched = new HashSet<>();
            for (int i = 0; i < words.size(); i++) {
                TextAnalyzer.Word w = words.get(i);
                double weight = weights.getOrDefault(w.stem(), 1.0);
                total += weight;
                q[i] = ticket.quality(w, i + 1 < words.size() ? words.get(i + 1) : null, i > 0 ? words.get(i - 1) : null);
                if (q[i] > 0) {
                    got += weight * q[i];
                    matched.add(w.surface());
                }
            }
            if (total == 0) {
                continue;
            }
            double raw = Math.round(got / total * Math.min(1.0, SPECIFIC_BASE + got / SPECIFIC_WEIGHT) * 1000) / 1000.0;
            // as score() counts it: a phrase of which fewer than two words are held gives nothing
            int held = 0;
            for (double x : q) {
                held += x > 0 ? 1 : 0;
            }
            double counted = held < Math.min(2, words.size()) ? 0 : raw;
            best = better(best, new Scored(e, field, text, q, counted, raw));
        }
        return best;
    }

    private Ticket ticketOf(String text, Language language) {
        Ticket ticket = new Ticket(analyzer().words(text, language), analyzer().words(text, language, false));
        if (language != Language.EN) {
            ticket.addAll(analyzer().words(text, Language.EN));
            ticket.addAll(analyzer().words(text, Language.EN, false));
        }
        return ticket;
    }

    /** The phrase's words as the phrase writes them ("activation code" for the synonym {@code activationcode}). */
    private List<String> phraseWords(Entry e) {
        String text = e.phrase().text();
        List<int[]> spans = analyzer().spans(text);
        Map<String, Ticket> grams = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < e.words().size(); i++) {
            String w = writtenIn(text, spans, e.phrase().language(), e.words(), i, grams);
            out.add(w == null ? e.words().get(i).surface() : w);
        }
        return out;
    }

    /**
     * The shortest run of up to three words of the text, as written, that holds word {@code i}: itself if any run
     * does, else a near spelling; null when none does.
     */
    private String writtenIn(String text, List<int[]> spans, Language language, List<TextAnalyzer.Word> words, int i,
                             Map<String, Ticket> grams) {
        TextAnalyzer.Word w = words.get(i);
        TextAnalyzer.Word next = i + 1 < words.size() ? words.get(i + 1) : null;
        TextAnalyzer.Word previous = i > 0 ? words.get(i - 1) : null;
        String near = null;
        for (int n = 1; n <= 3; n++) {
            for (int j = 0; j + n <= spans.size(); j++) {
                String gram = text.substring(spans.get(j)[0], spans.get(j + n - 1)[1]);
                double q = grams.computeIfAbsent(gram, g -> ticketOf(g, language)).quality(w, next, previous);
                if (q >= 1.0) {
                    return gram;
                }
                if (q > 0 && near == null) {
                    near = gram;
                }
            }
        }
        return near;
    }

    private Result compute(String message, String description) {
        String[] exact = exactMessages.get(withoutErrorPrefix(normalise(message)));
        if (exact != null && (description == null || description.isBlank())) {
            // The product's own message, as written: nothing to weigh.
            return new Result(List.of(new TextCandidate(exact[0], 1.0, MESSAGE, List.of(), Language.EN.code())), List.of(), Map.of(),
                    Language.EN, exact[1]);
        }
        String all = (message == null ? "" : message) + "\n" + (description == null ? "" : description);
        Language language = analyzer().detect(all);
        Map<String, String> vetoed = vetoes(all);
        if (vetoed.containsKey("*")) {
            return new Result(List.of(), List.of(), vetoed, language);
        }
        Map<String, TextCandidate> best = new HashMap<>();
        score(message, MESSAGE, language, vetoed, best);
        score(description, DESCRIPTION, language, vetoed, best);
        if (message != null && !message.isBlank() && description != null && !description.isBlank()) {
            score(all, BOTH, language, vetoed, best);
        }
        List<TextCandidate> out = best.entrySet().stream()
                .filter(e -> !e.getKey().contains("\u0000") && e.getValue().score() >= REPORTED)
                .map(Map.Entry::getValue)
                .sorted(Comparator.comparingDouble(TextCandidate::score).reversed().thenComparing(TextCandidate::problemId))
                .toList();
        List<TextCause> causes = best.entrySet().stream()
                .filter(e -> e.getKey().contains("\u0000") && e.getValue().score() >= REPORTED)
                .map(e -> new TextCause(e.getValue().problemId(), e.getKey().substring(e.getKey().indexOf('\u0000') + 1),
                        e.getValue().score(), e.getValue().terms()))
                .sorted(Comparator.comparing(TextCause::problemId).thenComparing(TextCause::cause))
                .toList();
        return new Result(out, causes, vetoed, language);
    }

    private void score(String text, String field, Language language, Map<String, String> vetoed, Map<String, TextCandidate> best) {
        if (text == null || text.isBlank()) {
            return;
        }
        Ticket ticket = new Ticket(analyzer().words(text, language), analyzer().words(text, language, false));
        if (language != Language.EN) {
            ticket.addAll(analyzer().words(text, Language.EN));
            ticket.addAll(analyzer().words(text, Language.EN, false));
        }
        // Words run together by OCR or a lost space ("lnvalidResponse", "SelfService"): read apart as well, in
        // addition to as written (a product name such as "GlobalProtect" keeps its own form for the markers).
        String split = CAMEL_JOIN.matcher(text).replaceAll("$1 $2");
        if (!split.equals(text)) {
            ticket.addAll(analyzer().words(split, language));
            ticket.addAll(analyzer().words(split, language, false));
        }
        for (Entry e : entries) {
            if (vetoed.containsKey(e.problemId())) {
                continue;
            }
            double total = 0;
            double got = 0;
            List<String> matched = new ArrayList<>();
            List<TextAnalyzer.Word> words = e.words();
            for (int i = 0; i < words.size(); i++) {
                TextAnalyzer.Word w = words.get(i);
                double weight = weights.getOrDefault(w.stem(), 1.0);
                total += weight;
                double q = ticket.quality(w, i + 1 < words.size() ? words.get(i + 1) : null, i > 0 ? words.get(i - 1) : null);
                if (q > 0) {
                    got += weight * q;
                    matched.add(w.surface());
                }
            }
            if (total == 0 || matched.size() < Math.min(2, words.size())) {
                continue;
            }
            // A longer phrase fully held says more than a short one: it wins when both are held.
            double specificity = Math.min(1.0, SPECIFIC_BASE + got / SPECIFIC_WEIGHT);
            double score = Math.round(got / total * specificity * 1000) / 1000.0;
            TextCandidate current = best.get(e.key());
            if (current == null || score > current.score()) {
                best.put(e.key(), new TextCandidate(e.problemId(), score, field, new ArrayList<>(new LinkedHashSet<>(matched)), language.code()));
            }
        }
    }

    /** A marker's words as the plain analysis gives them; a final {@code *} (a prefix) is kept. */
    private static List<String> markerWords(TextAnalyzer analyzer, String marker) {
        List<String> out = new ArrayList<>();
        // numbers as the ticket's are read ("office 365" meets "Office 365", whose digits are collapsed)
        for (String part : collapseDigits(marker).trim().split("\\s+")) {
            boolean prefix = part.endsWith("*");
            List<String> w = analyzer.plainWords(prefix ? part.substring(0, part.length() - 1) : part);
            if (prefix && !w.isEmpty()) {
                w.set(w.size() - 1, w.get(w.size() - 1) + "*");
            }
            out.addAll(w);
        }
        return out;
    }

    /** Which problems the markers rule out ("*": all of them), each with the marker that did. */
    private Map<String, String> vetoes(String text) {
        List<String> words = analyzer().plainWords(text);
        Map<String, String> out = new HashMap<>();
        for (Marker m : markers) {
            if (!m.words().isEmpty() && containsSequence(words, m.words())) {
                out.putIfAbsent(m.problemId() == null ? "*" : m.problemId(), String.join(" ", m.words()));
            }
        }
        return out;
    }

    private static boolean containsSequence(List<String> words, List<String> seq) {
        outer:
        for (int i = 0; i + seq.size() <= words.size(); i++) {
            for (int j = 0; j < seq.size(); j++) {
                String want = seq.get(j);
                String have = words.get(i + j);
                if (want.endsWith("*") ? !have.startsWith(want.substring(0, want.length() - 1)) : !have.equals(want)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The ticket's words as sets of forms, with adjacent pairs joined (for words split by OCR). */
    private final class Ticket {
        final Set<String> forms = new HashSet<>();
        final Set<String> longForms = new HashSet<>();

        Ticket(List<TextAnalyzer.Word> words, List<TextAnalyzer.Word> literal) {
            addAll(words);
            addAll(literal);
        }

        void addAll(List<TextAnalyzer.Word> words) {
            near.clear();
            for (int i = 0; i < words.size(); i++) {
                TextAnalyzer.Word w = words.get(i);
                forms.addAll(w.forms());
                if (w.surface().startsWith(TextAnalyzer.NEG)) {
                    forms.add(TextAnalyzer.NEG); // a phrase's bare negation ("... funktioniert nicht") meets any negation
                }
                if (i + 1 < words.size()) {
                    forms.add(w.surface() + words.get(i + 1).surface());
                }
            }
            for (String f : forms) {
                if (f.length() >= 4) {
                    longForms.add(f);
                }
                if (f.length() >= 3 && f.length() < 5) {
                    shortFolded.add(ocrFold(f));
                }
            }
        }

        /** Short words, with the letters OCR confuses made one: too short for an edit distance, not for "PlN". */
        final Set<String> shortFolded = new HashSet<>();
        /** {@link #near} by phrase word: the pack's phrases share their words, and each answer costs a scan of the ticket. */
        private final Map<String, Boolean> near = new HashMap<>();

        /** 1 for the word itself, {@link #FUZZY} for a near spelling or a join with its neighbour, 0 when absent. */
        double quality(TextAnalyzer.Word w, TextAnalyzer.Word next, TextAnalyzer.Word previous) {
            if (forms.contains(w.surface()) || forms.contains(w.stem())) {
                return 1.0;
            }
            // "activationcode": this word joined to its neighbour in the ticket
            if ((next != null && forms.contains(w.surface() + next.surface()))
                    || (previous != null && forms.contains(previous.surface() + w.surface()))) {
                return FUZZY;
            }
            if (near.computeIfAbsent(w.surface(), this::near)) {
                return FUZZY;
            }
            return 0;
        }

        /** Within one or two edits of a ticket word; a negated word only of a negated one ("neg+get" is not "neg+let"). */
        private boolean near(String word) {
            String prefix = word.startsWith(NEGATED) ? NEGATED : "";
            String bare = word.substring(prefix.length());
            if (bare.length() < 5) {
                return prefix.isEmpty() && bare.length() >= 3 && shortFolded.contains(ocrFold(bare));
            }
            int edits = bare.length() >= 7 ? 2 : 1;
            for (String f : longForms) {
                if (f.startsWith(NEGATED) != !prefix.isEmpty()) {
                    continue;
                }
                String other = f.substring(prefix.length());
                if (SPELLED_AS_MEANT.contains(other)) {
                    continue;
                }
                if (Math.abs(other.length() - bare.length()) <= edits && EditDistance.within(bare, other, edits)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final java.util.regex.Pattern CAMEL_JOIN = java.util.regex.Pattern.compile("(\\p{Ll}{3})(\\p{Lu}\\p{Ll})");
    private static final java.util.regex.Pattern NO_SPACE_AFTER_STOP = java.util.regex.Pattern.compile("(?<=\\p{Ll})\\.(?=\\p{Lu})");
    private static final java.util.regex.Pattern OCR_ZERO = java.util.regex.Pattern.compile("(?<=\\p{L})0(?=\\p{L})");
    private static final java.util.regex.Pattern OCR_ONE = java.util.regex.Pattern.compile("(?<=\\p{L})1(?=\\p{L})");

    /**
     * What OCR and hasty typing do to words, undone: a 0 or 1 inside a word is an o or an l ("n0t", "cou1d", "hist0ry"),
     * and a sentence run into the next ("expired.Return") is two words, not one token.
     */
    static String repairOcr(String text) {
        if (text == null || !mayNeedOcrRepair(text)) {
            return text;
        }
        String out = NO_SPACE_AFTER_STOP.matcher(text).replaceAll(". ");
        out = OCR_ZERO.matcher(out).replaceAll("o");
        return OCR_ONE.matcher(out).replaceAll("l");
    }

    /** i, l and 1 are one letter to OCR: "PlN" is "PIN". */
    static String ocrFold(String word) {
        return word.replace('i', 'l').replace('1', 'l');
    }

    /**
     * Whether any of {@link #repairOcr}'s patterns could match: a '.', '0' or '1' between two letters (a surrogate
     * counts, as it may be half of one). Most texts have none, and a scan costs far less than three regular expressions.
     */
    private static boolean mayNeedOcrRepair(String text) {
        for (int i = 1; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '0' || c == '1') && maybeLetter(text.charAt(i - 1)) && maybeLetter(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean maybeLetter(char c) {
        return Character.isLetter(c) || Character.isSurrogate(c);
    }

    static String collapseDigits(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (isDigit(text.charAt(i)) && i + 1 < n && isDigit(text.charAt(i + 1))) {
                if (sb == null) {
                    sb = new StringBuilder(n).append(text, 0, i);
                }
                sb.append('0');
                while (i + 1 < n && isDigit(text.charAt(i + 1))) {
                    i++;
                }
            } else if (sb != null) {
                sb.append(text.charAt(i));
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String withoutErrorPrefix(String normalised) {
        return normalised.startsWith("error ") ? normalised.substring("error ".length()) : normalised;
    }

    /** Lower case, words only, single spaces: the cache key and the exact-message test. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == ' ') {
            sb.setLength(end - 1);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
