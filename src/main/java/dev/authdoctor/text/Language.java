package dev.authdoctor.text;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** The languages tickets are read in: each with Lucene's stop words (accent-folded) and light stemmer. */
public enum Language {
    EN, FR, DE, ES;

    /** Negations carry meaning ("not received"): the synonyms map them to one word, and no stop list may drop them. */
    private static final Set<String> KEPT = Set.of("not", "no", "nor", "ne", "pas", "nicht", "kein", "keine", "keinen", "ni", "nunca",
            "sin", "without", "sans", "ohne", "never", "jamais", "nie");

    private static final Set<String> NEGATIONS = Set.of("neg", "not", "no", "nor", "ne", "pas", "nicht", "kein", "keine", "keinen",
            "ni", "nunca", "never", "jamais", "nie", "nothing", "don't", "doesn't", "didn't", "won't", "wont", "can't", "cant",
            "cannot", "couldn't", "isn't", "wasn't", "aren't", "haven't", "hasn't");

    private CharArraySet stopWords;

    /** Words between a negation and what it negates: "nicht mehr akzeptiert", "not accepted any more". */
    private static final Set<String> NEGATION_FILLER = Set.of("mehr", "more", "plus", "longer", "anymore", "any", "yet", "ever",
            "really", "even", "immer", "toujours", "todavia", "aun", "jamais", "always", "just");

    static boolean isNegationFiller(String word) {
        return NEGATION_FILLER.contains(word);
    }

    /** "never get accepted": a passive auxiliary, skipped only before a participle (not "didn't get the e-mail"). */
    private static final Set<String> PASSIVE_AUXILIARY = Set.of("get", "gets", "getting", "got", "gotten", "being", "been");

    static boolean isPassiveAuxiliary(String word, String next) {
        return PASSIVE_AUXILIARY.contains(word) && next.length() > 4 && (next.endsWith("ed") || next.endsWith("en"));
    }

    /** Whether a (folded, lower-case) word negates the next one. */
    static boolean isNegation(String word) {
        return NEGATIONS.contains(word);
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a code such as {@code fr}; null when it is not one of these. */
    public static Language of(String code) {
        if (code == null) {
            return null;
        }
        for (Language l : values()) {
            if (l.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        return null;
    }

    /** Stop words, accent-folded like the text they are applied to, negations left out. */
    synchronized CharArraySet stopWords() {
        if (stopWords == null) {
            CharArraySet raw = switch (this) {
                case EN -> snowball("english_stop.txt");
                case FR -> FrenchAnalyzer.getDefaultStopSet();
                case DE -> GermanAnalyzer.getDefaultStopSet();
                case ES -> SpanishAnalyzer.getDefaultStopSet();
            };
            CharArraySet folded = new CharArraySet(raw.size(), true);
            for (Object word : raw) {
                String w = fold(new String((char[]) word));
                if (!KEPT.contains(w) && !NEGATIONS.contains(w)) {
                    folded.add(w);
                }
            }
            stopWords = CharArraySet.unmodifiableSet(folded);
        }
        return stopWords;
    }

    TokenStream stem(TokenStream in) {
        return switch (this) {
            case EN -> new PorterStemFilter(in);
            case FR -> new FrenchLightStemFilter(in);
            case DE -> new GermanLightStemFilter(in);
            case ES -> new SpanishLightStemFilter(in);
        };
    }

    private static CharArraySet snowball(String file) {
        try {
            return WordlistLoader.getSnowballWordSet(IOUtils.getDecodingReader(SnowballFilter.class, file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fold(String word) {
        char[] in = word.toCharArray();
        char[] out = new char[in.length * 4];
        int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
        return new String(out, 0, n);
    }
}
