package dev.authdoctor.vocabulary;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An error text as a person copied it, ready to be compared with a product's own message.
 *
 * <p>Both texts are reduced to their words (letters and digits), so case, spacing, line breaks,
 * straight, curly or missing quotes and final periods do not matter. The known message may hold
 * {@code <URL>}, which stands for one or more words of any address. A copy matches when:
 * <ul>
 *   <li>it holds the whole message, give or take one word in eight for messages of eight words or
 *       more, with only filler such as "Error:" around it; messages of six words or more may also
 *       sit inside longer text;</li>
 *   <li>or it is the message cut off after one of its sentences, with nothing else after it.</li>
 * </ul>
 * Texts from the free-text description only match by holding a message, or its leading sentences, of six
 * words or more, anywhere in them.
 */
public final class ErrorText {

    private static final String WILDCARD = "\u0000url";
    /** Words people put around a copied message that say nothing about which message it is. */
    private static final Set<String> FILLER = Set.of(
            "error", "errors", "err", "message", "msg", "alert", "warning", "the", "following", "i", "got", "get",
            "received", "receive", "see", "saw", "seen", "says", "said", "it", "this", "was", "is", "an", "a", "text",
            "popup", "dialog", "shows", "showed", "reads", "with", "on", "screen", "and", "then");
    private static final Map<String, Known> KNOWN = new ConcurrentHashMap<>();
    /**
     * Texts already reduced, by field: exports repeat the same few messages, and a text's words and its answers to
     * {@link #resembles} never change. Bounded: a long run of ever-new texts must not grow the heap.
     */
    private static final Map<String, ErrorText> MESSAGES = new ConcurrentHashMap<>();
    private static final Map<String, ErrorText> DESCRIPTIONS = new ConcurrentHashMap<>();
    private static final int SHARED_LIMIT = 4_096;
    /** Texts longer than this are not kept: a description is rarely repeated, and its words would hold memory. */
    private static final int SHARED_LENGTH = 500;

    private final String raw;
    private final List<String> words;
    private final Set<String> wordSet;
    private final boolean freeText;
    /** This text's answer for each known message asked about, since every rule that recognises a message asks. */
    private final Map<String, Boolean> resembled = new ConcurrentHashMap<>(8);

    private ErrorText(String raw, boolean freeText) {
        this.raw = raw == null ? "" : raw.length() > 200 ? cut(raw, 200) + "..." : raw;
        this.words = words(raw, false);
        this.wordSet = new java.util.HashSet<>(words);
        this.freeText = freeText;
    }

    /** The first {@code chars} chars, one fewer rather than half of a character (an emoji is two chars). */
    private static String cut(String s, int chars) {
        return s.substring(0, Character.isHighSurrogate(s.charAt(chars - 1)) ? chars - 1 : chars);
    }

    /**
     * The text of {@code error.message}.
     *
     * @param raw the message; null reads as empty
     * @return the text; the same instance as for an earlier call with the same text, while it is kept
     */
    public static ErrorText ofMessage(String raw) {
        return shared(MESSAGES, raw, false);
    }

    /**
     * The free text of a ticket's description, which may quote a message among other words.
     *
     * @param raw the description; null reads as empty
     * @return the text; the same instance as for an earlier call with the same text, while it is kept
     */
    public static ErrorText ofDescription(String raw) {
        return shared(DESCRIPTIONS, raw, true);
    }

    /** The same instance for the same text (it is immutable to its users), while it is among those kept. */
    private static ErrorText shared(Map<String, ErrorText> kept, String raw, boolean freeText) {
        if (raw == null || raw.length() > SHARED_LENGTH) {
            return new ErrorText(raw, freeText);
        }
        ErrorText text = kept.get(raw);
        if (text == null) {
            if (kept.size() >= SHARED_LIMIT) {
                kept.clear(); // crude, but bounded, as the text matcher's cache
            }
            text = new ErrorText(raw, freeText);
            kept.put(raw, text);
        }
        return text;
    }

    /**
     * The text as given (its first 200 characters), for explanations.
     *
     * @return the text, cut to 200 characters
     */
    public String raw() {
        return raw;
    }

    /**
     * Whether this is a ticket's description rather than an error message.
     *
     * @return true for a description
     */
    public boolean isFreeText() {
        return freeText;
    }

    /**
     * Whether this text is the known message {@code product}, as far as a person's copy can tell.
     *
     * @param product the known message's text, as the product shows it
     * @return true when the text is that message
     */
    public boolean resembles(String product) {
        Boolean answer = resembled.get(product);
        if (answer == null) {
            answer = compare(product);
            if (resembled.size() < 64) { // a pack asks about a few dozen messages; a runaway caller must not grow it
                resembled.put(product, answer);
            }
        }
        return answer;
    }

    private boolean compare(String product) {
        Known known = KNOWN.computeIfAbsent(product, Known::new);
        if (matches(known.all, true)) {
            return true;
        }
        for (Pattern prefix : known.sentencePrefixes) {
            if (matches(prefix, false)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(Pattern pattern, boolean whole) {
        boolean mayBeEmbedded = pattern.literal >= 6;
        if (freeText && !mayBeEmbedded) {
            return false;
        }
        int allowed = pattern.literal >= 8 ? pattern.literal / 8 : 0;
        // Cheap test first: every distinct word of the message missing from the text costs at least one edit.
        int missing = 0;
        for (String w : pattern.distinct) {
            if (!wordSet.contains(w) && ++missing > allowed) {
                return false;
            }
        }
        for (Alignment a : align(pattern.words, words)) {
            if (a.cost > allowed) {
                continue;
            }
            boolean cleanBefore = onlyFiller(0, a.start);
            boolean cleanAfter = onlyFiller(a.end, words.size());
            if (freeText || (whole ? (mayBeEmbedded || (cleanBefore && cleanAfter)) : (cleanAfter && (mayBeEmbedded || cleanBefore)))) {
                return true;
            }
        }
        return false;
    }

    private boolean onlyFiller(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!FILLER.contains(words.get(i))) {
                return false;
            }
        }
        return true;
    }

    private record Alignment(int start, int end, int cost) {
    }

    /**
     * Approximate search of the pattern in the text by words: for every end position, the cheapest
     * alignment (substitutions, insertions and deletions of words cost 1; the wildcard eats one or
     * more words for free) and where it starts.
     */
    private static List<Alignment> align(List<String> pattern, List<String> text) {
        int m = pattern.size();
        int n = text.size();
        int[] prevCost = new int[n + 1];
        int[] prevStart = new int[n + 1];
        for (int j = 0; j <= n; j++) {
            prevStart[j] = j; // the pattern may start anywhere
        }
        int[] cost = new int[n + 1];
        int[] start = new int[n + 1];
        for (int i = 1; i <= m; i++) {
            String p = pattern.get(i - 1);
            boolean wild = p.equals(WILDCARD);
            cost[0] = wild ? Integer.MAX_VALUE / 2 : prevCost[0] + 1;
            start[0] = 0;
            for (int j = 1; j <= n; j++) {
                int best;
                int from;
                if (wild) {
                    // eat text[j-1] as the first word of the address, or as one more
                    best = prevCost[j - 1];
                    from = prevStart[j - 1];
                    if (cost[j - 1] < best) {
                        best = cost[j - 1];
                        from = start[j - 1];
                    }
                } else {
                    best = prevCost[j - 1] + (p.equals(text.get(j - 1)) ? 0 : 1);
                    from = prevStart[j - 1];
                    if (prevCost[j] + 1 < best) { // pattern word missing from the text
                        best = prevCost[j] + 1;
                        from = prevStart[j];
                    }
                    if (cost[j - 1] + 1 < best) { // extra word in the text
                        best = cost[j - 1] + 1;
                        from = start[j - 1];
                    }
                }
                cost[j] = best;
                start[j] = from;
            }
            int[] t = prevCost; prevCost = cost; cost = t;
            t = prevStart; prevStart = start; start = t;
        }
        List<Alignment> result = new ArrayList<>();
        for (int j = 1; j <= n; j++) {
            if (prevCost[j] < Integer.MAX_VALUE / 4) {
                result.add(new Alignment(prevStart[j], j, prevCost[j]));
            }
        }
        return result;
    }

    /** Lower-cased words of a text; in a known message, {@code <URL>} becomes the wildcard. */
    static List<String> words(String raw, boolean known) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        // NFKC folds look-alike characters (full-width letters, ligatures); plain ASCII has none to fold.
        String text = (isAscii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        if (known) {
            text = text.replace("<url>", " " + WILDCARD + " ");
        }
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c) || c == 0) {
                word.appendCodePoint(c);
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    /** Words of a known message, and what the cheap test needs: how many are real words, and which. */
    private static final class Pattern {
        final List<String> words;
        final int literal;
        final Set<String> distinct;

        Pattern(List<String> words) {
            this.words = words;
            this.distinct = new java.util.HashSet<>(words);
            this.distinct.remove(WILDCARD);
            this.literal = (int) words.stream().filter(w -> !w.equals(WILDCARD)).count();
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A product message, as words, and its leading sentences: the first one, the first two, and so on. */
    private static final class Known {
        final Pattern all;
        final List<Pattern> sentencePrefixes = new ArrayList<>();

        Known(String product) {
            all = new Pattern(words(product, true));
            // A sentence ends at . ! ? followed by a space, or at a spaced dash ("Invalid key - The key ...").
            String[] sentences = product.trim().split("(?<=[.!?])\\s+|\\s+[-\u2013\u2014]\\s+");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < sentences.length - 1; i++) {
                prefix.append(sentences[i]).append(' ');
                sentencePrefixes.add(new Pattern(words(prefix.toString(), true)));
            }
        }
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
