package dev.authdoctor.text;

import dev.authdoctor.engine.RulePack;
import dev.authdoctor.testing.TicketRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in pack's words as the build analysed them ({@link PrecomputedWords}) give the matcher exactly the answers
 * and explanations a fresh analysis gives, over every labelled ticket; knowledge that differs in anything is analysed
 * afresh.
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
