package dev.authdoctor.engine;

import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.vocabulary.Organisation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in pack precompiled at build time answers exactly as its DRL compiled at run time. */
class PrecompiledPackTest {

    @Test
    void theBuildPrecompilesTheBuiltInPackAndItIsUsed() {
        assertThat(RuleBase.compile(List.of(RulePack.builtIn())).isPrecompiled())
                .as("the build step (exec-maven-plugin, process-classes) wrote builtin.kjar for this DRL").isTrue();
        assertThat(RuleBase.compile(List.of(RulePack.builtIn()), false).isPrecompiled()).isFalse();
        assertThat(RuleBase.compile(List.of(RulePack.fromFolder(Path.of("rules")))).isPrecompiled())
                .as("a folder holding exactly the built-in pack's files (same hash) uses its precompiled rules").isTrue();
    }

    @Test
    void anEditedPackFolderIsCompiledFromItsDrl(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("rules"))) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        java.nio.file.Files.writeString(dir.resolve("plan.drl"), "\n// edited\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(RuleBase.compile(List.of(RulePack.fromFolder(dir))).isPrecompiled())
                .as("a pack whose files differ from every precompiled one is compiled from its DRL").isFalse();
    }

    @Test
    void precompiledAndCompiledRulesGiveTheSameFindings() {
        RuleBase fast = RuleBase.compile(List.of(RulePack.builtIn()));
        RuleBase drl = RuleBase.compile(List.of(RulePack.builtIn()), false);
        assertThat(fast.rules()).isEqualTo(drl.rules());
        IncidentReader reader = new IncidentReader();
        Organisation org = new Organisation("support@entrust.com");
        int compared = 0;
        for (String line : new String(new ExportGenerator(17).jsonLines(1_500, 0.0), StandardCharsets.UTF_8).split("\n")) {
            if (reader.read(line) instanceof ReadResult.Accepted a) {
                Incident i = a.incident();
                assertThat(normalised(fast.run(i, org))).as(line).isEqualTo(normalised(drl.run(i, org)));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(1_500);
    }

    @Test
    void precompiledRulesExplainAndAnswerWhyNotAsTheirDrlDoes() throws Exception {
        // Explanations read each condition's text: the executable model keeps it, so no second compilation is needed.
        RuleBase fast = RuleBase.compile(List.of(RulePack.builtIn()));
        RuleBase drl = RuleBase.compile(List.of(RulePack.builtIn()), false);
        assertThat(fast.isPrecompiled()).isTrue();
        Organisation org = new Organisation("support@entrust.com");
        IncidentReader reader = new IncidentReader();
        int explained = 0;
        for (String line : java.nio.file.Files.readAllLines(Path.of("examples/incidents.jsonl"))) {
            Incident i = ((ReadResult.Accepted) reader.read(line)).incident();
            assertThat(explained(fast.runExplained(i, org))).as(i.id()).isEqualTo(explained(drl.runExplained(i, org)));
            for (String problem : drl.problems().keySet()) {
                assertThat(fast.whyNot(problem, i, org)).as(i.id() + " " + problem).isEqualTo(drl.whyNot(problem, i, org));
            }
            explained++;
        }
        assertThat(explained).isEqualTo(13);
        for (RuleInfo r : drl.rules()) {
            assertThat(written(fast.conditions(r.id()))).as(r.id()).isEqualTo(written(drl.conditions(r.id())));
        }
    }

    private static List<String> written(List<RuleConditions.Condition> conditions) {
        return conditions.stream().map(c -> c.type().getSimpleName() + " not=" + c.negated() + " exists=" + c.exists() + " "
                + c.constraints() + " as " + c.binding() + " binds " + c.declarations().keySet()).toList();
    }

    private static List<String> explained(Findings f) {
        return java.util.stream.Stream.of(f.problems(), f.causes(), f.steps(), f.likelySteps(), f.escalations())
                .flatMap(List::stream).map(x -> x.fact() + " by " + x.ruleId() + " because " + x.because()).sorted().toList();
    }

    /** Findings without firing order (two builds may order equal-salience activations differently). */
    static List<String> normalised(Findings f) {
        return java.util.stream.Stream.of(f.problems(), f.causes(), f.steps(), f.likelySteps(), f.escalations())
                .flatMap(List::stream).map(x -> x.fact() + " by " + x.ruleId()).sorted().toList();
    }
}
