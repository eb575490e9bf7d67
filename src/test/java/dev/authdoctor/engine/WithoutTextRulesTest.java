package dev.authdoctor.engine;

import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.vocabulary.Organisation;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incidents with no text to hear run on a base without the text rules (they cannot match there, and Drools would
 * otherwise set them up in every session): the answers, and the rules fired, are the same as on the whole base.
 */
class WithoutTextRulesTest {

    private static final Organisation ORG = new Organisation("support@entrust.com");

    private static String builtInDrl() {
        StringBuilder all = new StringBuilder();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("rules"))) {
            for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".drl")).sorted().toList()) {
                all.append('\n').append(java.nio.file.Files.readString(f));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all.toString();
    }

    @Test
    void onlyTheRulesThatNeedTextAreLeftOut() {
        KieBase lean = RuleBase.withoutTextRules(RuleBase.precompiled(List.of(RulePack.builtIn())));
        KieBase whole = RuleBase.precompiled(List.of(RulePack.builtIn()));
        Set<String> left = names(whole);
        left.removeAll(names(lean));
        // the DRL itself says which rules need a text fact: those whose conditions name one
        Set<String> needText = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)\\nrule \"([^\"]+)\"(.*?)\\nthen").matcher(builtInDrl());
        while (m.find()) {
            if (m.group(2).matches("(?s).*\\b(TextCandidate|TextCause|TextSettings)\\b.*")) {
                needText.add(m.group(1));
            }
        }
        assertThat(needText).hasSizeGreaterThan(10);
        assertThat(left).containsExactlyInAnyOrderElementsOf(needText);
        assertThat(names(whole)).as("the whole base, loaded apart, keeps every rule").hasSize(names(lean).size() + needText.size());
    }

    @Test
    void answersAreTheSameWithAndWithoutTheLeanBaseFromDrlAndPrecompiled() {
        for (boolean precompiled : new boolean[] {true, false}) {
            RuleBase fast = RuleBase.compile(List.of(RulePack.builtIn()), precompiled);
            RuleBase reference = RuleBase.compile(List.of(RulePack.builtIn()), precompiled);
            fast.buildWithoutText();
            assertThat(fast.baseWithoutText()).isNotNull();
            int compared = 0;
            int heard = 0;
            for (Incident i : incidents()) {
                Findings a = fast.run(i, ORG);
                Findings b = reference.run(i, ORG);
                assertThat(PrecompiledPackTest.normalised(a)).as(i.id()).isEqualTo(PrecompiledPackTest.normalised(b));
                assertThat(a.firedRules()).as(i.id()).containsExactlyInAnyOrderElementsOf(b.firedRules());
                assertThat(a.textRecognised()).as(i.id()).isEqualTo(b.textRecognised());
                compared++;
                heard += a.textRecognised().isEmpty() ? 0 : 1;
            }
            assertThat(compared).isEqualTo(1_003);
            assertThat(heard).as("tickets in words, heard on the whole base").isPositive();
            assertThat(fast.openSessions()).isZero();
        }
    }

    /** A generated export (no text, or a product message) and tickets in words, which the whole base must still hear. */
    private static List<Incident> incidents() {
        IncidentReader reader = new IncidentReader();
        List<String> lines = new ArrayList<>(List.of(new String(new ExportGenerator(23).jsonLines(1_000, 0.0), StandardCharsets.UTF_8).split("\n")));
        lines.add("{\"id\":\"W1\",\"description\":\"User locked in IDaaS + ST app locked. Unlock ST app procedure won't complete. pls advise\"}");
        lines.add("{\"id\":\"W2\",\"symptom\":\"TOKEN_NOT_WORKING\",\"description\":\"the codes are rejected, the clock on my phone is off by several minutes\"}");
        lines.add("{\"id\":\"W3\",\"error\":{\"message\":\"activation code expired, go back to your identity provider\"}}");
        List<Incident> out = new ArrayList<>();
        for (String line : lines) {
            if (reader.read(line) instanceof ReadResult.Accepted a) {
                out.add(a.incident());
            }
        }
        return out;
    }

    private static Set<String> names(KieBase base) {
        Set<String> names = new TreeSet<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                names.add(r.getName());
            }
        }
        return names;
    }
}
