package dev.authdoctor.engine;

import dev.authdoctor.TestPacks;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.text.Knowledge;
import dev.authdoctor.text.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pack's phrases/ folder: read with the pack, checked with file:line errors, part of the pack's hash. */
class PhraseFilesTest {

    @TempDir
    Path dir;

    private Path pack() throws IOException {
        Path p = TestPacks.write(dir.resolve("pack"), "1.0.0");
        Files.createDirectories(p.resolve(PhraseFiles.FOLDER));
        return p;
    }

    private static void phrase(Path pack, String file, String text) throws IOException {
        Files.writeString(pack.resolve(PhraseFiles.FOLDER).resolve(file), text);
    }

    private static RulePackException refused(Path pack) {
        try {
            RulePack.fromFolder(pack);
        } catch (RulePackException e) {
            return e;
        }
        throw new AssertionError("the pack was read");
    }

    @Test
    void aPhrasesFileIsReadWithItsMessagesPhrasesMarkersAndCauses() throws IOException {
        Path p = pack();
        phrase(p, "widget.yaml", """
                problem: test-widget-jammed
                messages:
                  en: The widget is jammed.
                  fr: Le gadget est bloqué.
                phrases:
                  en:
                    - widget stuck and jammed
                  de: [Widget klemmt fest]
                not:
                  - sandwich widget
                causes:
                  CRUMBS:
                    en: [crumbs in the widget]
                """);
        phrase(p, "off-topic.yaml", "not: [vpn, printer]\n");
        phrase(p, "synonyms.txt", "widget, gadget, gizmo\n");
        Knowledge k = RulePack.fromFolder(p).knowledge();
        assertThat(k.problems()).singleElement().satisfies(w -> {
            assertThat(w.problemId()).isEqualTo("test-widget-jammed");
            assertThat(w.messages()).extracting(Knowledge.Phrase::language).containsExactly(Language.EN, Language.FR);
            assertThat(w.phrases()).extracting(Knowledge.Phrase::text).containsExactly("widget stuck and jammed", "Widget klemmt fest");
            assertThat(w.phrases().get(0).line()).isEqualTo(7);
            assertThat(w.not()).containsExactly("sandwich widget");
            assertThat(w.causes()).containsOnlyKeys("CRUMBS");
        });
        assertThat(k.offTopic()).containsExactly("vpn", "printer");
        assertThat(k.synonyms()).contains("gizmo");
    }

    @Test
    void everyMistakeIsNamedWithFileAndLine() throws IOException {
        Path p = pack();
        phrase(p, "bad.yaml", """
                problem: test-widget-jammed
                phrases:
                  en:
                    - the widget
                  it:
                    - il widget è bloccato
                colour: red
                causes:
                  crumbs:
                    en: [crumbs in the widget]
                """);
        assertThat(refused(p).problems()).containsExactlyInAnyOrder(
                "test-pack/phrases/bad.yaml:5: phrases.it: not a language (expected en, fr, de or es)",
                "test-pack/phrases/bad.yaml:7: unknown key \"colour\" (expected: problem, messages, phrases, not, causes, allowed)",
                "test-pack/phrases/bad.yaml:9: causes.crumbs: a cause code is written in capitals, e.g. CLOCK_DRIFT");
    }

    @Test
    void aPhraseOfOneWordIsRefusedAsMatchingTooMuch() throws IOException {
        Path p = pack();
        phrase(p, "widget.yaml", """
                problem: test-widget-jammed
                phrases:
                  en:
                    - widget jammed
                    - the widget
                """);
        assertThat(refused(p).problems()).containsExactly(
                "test-pack/phrases/widget.yaml:5: phrase \"the widget\" keeps fewer than two words once stop words are dropped: it would match too much");
    }

    @Test
    void brokenYamlAndBadSynonymsNameTheirLine() throws IOException {
        Path p = pack();
        phrase(p, "widget.yaml", "problem: test-widget-jammed\nphrases:\n  en: [widget jammed\n");
        phrase(p, "synonyms.txt", "widget, gadget\ngizmo => thing => other\n");
        assertThat(refused(p).problems()).anySatisfy(e -> assertThat(e).startsWith("test-pack/phrases/widget.yaml:").contains("not valid YAML"))
                .anySatisfy(e -> assertThat(e).startsWith("test-pack/phrases/synonyms.txt:2:"));
    }

    @Test
    void aProblemTheCatalogAndPackDoNotKnowIsRefusedOnLoad() throws IOException {
        Path p = pack();
        phrase(p, "ghost.yaml", "\nproblem: ghost-problem\nphrases:\n  en: [ghost widget jammed]\n");
        assertThatThrownBy(() -> Troubleshooter.builder().addPack(p).build())
                .isInstanceOfSatisfying(RulePackException.class, e -> assertThat(e.problems()).anySatisfy(m ->
                        assertThat(m).startsWith("test-pack/phrases/ghost.yaml:2: problem id \"ghost-problem\" is neither in the catalog")));
    }

    @Test
    void thePhrasesArePartOfThePacksHash() throws IOException {
        Path p = pack();
        phrase(p, "widget.yaml", "problem: test-widget-jammed\nphrases:\n  en: [widget jammed]\n");
        String before = RulePack.hashOf(p);
        phrase(p, "widget.yaml", "problem: test-widget-jammed\nphrases:\n  en: [widget stuck]\n");
        assertThat(RulePack.hashOf(p)).isNotEqualTo(before);
    }

    @Test
    void aCustomPacksPhrasesTeachTheMatcherItsOwnProblem() throws IOException {
        Path p = pack();
        phrase(p, "widget.yaml", """
                problem: test-widget-jammed
                phrases:
                  en: [the gizmo is stuck fast]
                """);
        phrase(p, "synonyms.txt", "widget, gadget, gizmo\n");
        Troubleshooter doctor = Troubleshooter.builder().addPack(p).build();
        Diagnosis d = doctor.diagnose(Incident.builder("w1").description("Help, my gadget is stuck fast since this morning").build());
        assertThat(d.problemIds()).containsExactly("test-widget-jammed");
        assertThat(d.problems().get(0).text().matchedTerms()).contains("widget", "stuck", "fast");
    }

    @Test
    void anOffTopicMarkerAProblemAllowsDoesNotRuleThatProblemOut() throws IOException {
        Path p = pack();
        phrase(p, "off-topic.yaml", "not:\n  - canteen\n");
        phrase(p, "widget.yaml", "problem: test-widget-jammed\nphrases:\n  en: [the gizmo is stuck fast]\n");
        String ticket = "In the canteen, my gizmo is stuck fast again";
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(p).build()) {
            assertThat(doctor.diagnose(Incident.builder("w1").description(ticket).build()).problemIds()).isEmpty();
        }
        phrase(p, "widget.yaml", "problem: test-widget-jammed\nphrases:\n  en: [the gizmo is stuck fast]\nallowed: [canteen]\n");
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(p).build()) {
            assertThat(doctor.diagnose(Incident.builder("w2").description(ticket).build()).problemIds()).containsExactly("test-widget-jammed");
        }
    }

    @Test
    void anAllowedMarkerThatIsNotAnOffTopicMarkerIsRefused() throws IOException {
        Path p = pack();
        phrase(p, "off-topic.yaml", "not:\n  - canteen\n");
        phrase(p, "widget.yaml", "problem: test-widget-jammed\nphrases:\n  en: [the gizmo is stuck fast]\nallowed: [cantene]\n");
        assertThat(refused(p).problems()).containsExactly(
                "test-pack/phrases/widget.yaml:1: allowed: \"cantene\" is not one of the pack's off-topic markers (off-topic.yaml)");
    }
}
