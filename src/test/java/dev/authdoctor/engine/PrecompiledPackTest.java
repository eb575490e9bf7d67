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
                .as("a pack read from a folder may have been edited: always compiled from its DRL").isFalse();
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

    /** Findings without firing order (two builds may order equal-salience activations differently). */
    static List<String> normalised(Findings f) {
        return java.util.stream.Stream.of(f.problems(), f.causes(), f.steps(), f.likelySteps(), f.escalations())
                .flatMap(List::stream).map(x -> x.fact() + " by " + x.ruleId()).sorted().toList();
    }
}
