package dev.authdoctor.text;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lucene analysis of ticket text, per language: words (Unicode rules), French elisions, lower case, accents
 * folded to ASCII, the pack's synonyms (one canonical word for "Google Authenticator", "GA", ...), stop words
 * dropped, and each word kept both as written and stemmed (so a typo can be measured against the word as
 * written, and a different inflection still meets its stem).
 */
public final class TextAnalyzer {

    /** A word of the text: as written (folded) and its stem; both are forms it may match by. */
    public record Word(String surface, String stem) {
        Set<String> forms() {
            return surface.equals(stem) ? Set.of(surface) : Set.of(surface, stem);
        }
    }

    private final SynonymMap synonyms;
    private final Map<Language, Analyzer> analyzers = new EnumMap<>(Language.class);
    /** The same, without synonyms: a typo in a word the synonyms would have replaced ("Certficate") still meets it. */
    private final Map<Language, Analyzer> literal = new EnumMap<>(Language.class);
    private final Analyzer plain;

    /**
     * @param synonymsText synonyms in Solr's format ({@code a, b, c} are all read as {@code a}; {@code x => y});
     * @throws IllegalArgumentException naming the line of a synonym rule that cannot be read
     */
    public TextAnalyzer(String synonymsText) {
        plain = plainAnalyzer();
        this.synonyms = parseSynonyms(synonymsText, plain);
        analysers();
    }

    /** With the synonyms already parsed ({@link #synonymMap()} of an analyser of the same text; null for none). */
    TextAnalyzer(SynonymMap synonyms) {
        plain = plainAnalyzer();
        this.synonyms = synonyms;
        analysers();
    }

    private void analysers() {
        for (Language l : Language.values()) {
            analyzers.put(l, analyzer(l, synonyms));
            literal.put(l, analyzer(l, null));
        }
    }

    private static Analyzer plainAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new StandardTokenizer();
                return new TokenStreamComponents(t, base(t));
            }
        };
    }

    /** The parsed synonyms; null when there are none. */
    SynonymMap synonymMap() {
        return synonyms;
    }

    private static Analyzer analyzer(Language l, SynonymMap synonyms) {
        return new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String field) {
                    Tokenizer t = new StandardTokenizer();
                    TokenStream s = base(t);
                    if (synonyms != null) {
                        s = new SynonymGraphFilter(s, synonyms, true);
                    }
                    if (l == Language.EN) {
                        s = new EnglishPossessiveFilter(s);
                    }
                    s = new StopFilter(s, l.stopWords());
                    s = new KeywordRepeatFilter(s);
                    s = l.stem(s);
                    return new TokenStreamComponents(t, new RemoveDuplicatesTokenFilter(s));
                }
            };
    }

    private static TokenStream base(Tokenizer t) {
        TokenStream s = new ElisionFilter(t, FrenchAnalyzer.DEFAULT_ARTICLES);
        s = new LowerCaseFilter(s);
        return new ASCIIFoldingFilter(s);
    }

    static SynonymMap parseSynonyms(String text, Analyzer analyzer) {
        if (text == null || text.isBlank()) {
            return null;
        }
        SolrSynonymParser parser = new SolrSynonymParser(true, false, analyzer);
        try {
            parser.parse(new StringReader(text));
            return parser.build();
        } catch (ParseException e) {
            // Lucene says "Invalid synonym rule at line N", the reason in the cause
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("at line (\\d+)").matcher(String.valueOf(e.getMessage()));
            String cause = e.getCause() == null ? "not a synonym rule" : e.getCause().getMessage();
            throw new IllegalArgumentException("line " + (line.find() ? line.group(1) : "?") + ": " + cause, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words of a text in a language, stop words dropped, synonyms made canonical. */
    public List<Word> words(String text, Language language) {
        return words(text, language, true);
    }

    /** As {@link #words(String, Language)}; with {@code synonyms} false, words stay as written. */
    public List<Word> words(String text, Language language, boolean synonyms) {
        List<Word> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream ts = (synonyms ? analyzers : literal).get(language).tokenStream("t", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            KeywordAttribute keyword = ts.addAttribute(KeywordAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            String surface = null;
            String stem = null;
            while (ts.incrementToken()) {
                String t = term.toString();
                if (inc.getPositionIncrement() > 0 || surface == null) {
                    if (surface != null) {
                        out.add(new Word(surface, stem));
                    }
                    surface = t;
                    stem = t;
                } else if (keyword.isKeyword()) {
                    surface = t;
                } else {
                    stem = t;
                }
            }
            if (surface != null) {
                out.add(new Word(surface, stem));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return negated(out);
    }

    /** Marks a negated word: "never received" is {@code neg+received}, which "received" does not match. */
    public static final String NEG = "neg";

    private static List<Word> negated(List<Word> words) {
        List<Word> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (Language.isNegation(w.surface()) && i + 2 < words.size() && (Language.isNegationFiller(words.get(i + 1).surface())
                    || Language.isPassiveAuxiliary(words.get(i + 1).surface(), words.get(i + 2).surface()))) {
                i++; // "nicht mehr akzeptiert", "never get accepted": the negation is about the word after the filler
            }
            if (Language.isNegation(w.surface()) && i + 1 < words.size() && !Language.isNegation(words.get(i + 1).surface())) {
                Word next = words.get(++i);
                out.add(new Word(NEG + "+" + next.surface(), NEG + "+" + next.stem()));
            } else if (Language.isNegation(w.surface())) {
                out.add(new Word(NEG, NEG));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** The words of a text before synonyms, stop words and stems: for language detection and markers. */
    public List<String> plainWords(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        try (TokenStream ts = plain.tokenStream("t", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Where each word of the text begins and ends ({@code [start, end)}), before any change to it: for saying which
     * words of a ticket matched, as the person wrote them.
     */
    List<int[]> spans(String text) {
        List<int[]> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        try (TokenStream ts = plain.tokenStream("t", text)) {
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new int[] {offset.startOffset(), offset.endOffset()});
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The language whose stop words the text uses most; English when none stands out. */
    public Language detect(String text) {
        Language best = Language.EN;
        int bestHits = 0;
        List<String> plainWords = plainWords(text);
        for (Language l : Language.values()) {
            CharArraySet stop = l.stopWords();
            int hits = 0;
            for (String w : plainWords) {
                if (stop.contains(w)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = l;
                bestHits = hits;
            }
        }
        return best;
    }

    /** All forms of the words, for quick set tests. */
    static Set<String> forms(List<Word> words) {
        Set<String> out = new LinkedHashSet<>();
        words.forEach(w -> out.addAll(w.forms()));
        return out;
    }
}
