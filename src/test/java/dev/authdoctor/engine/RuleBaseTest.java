package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in pack compiles, and every rule carries the metadata reviewers rely on. */
class RuleBaseTest {

    static RuleBase builtIn;

    @BeforeAll
    static void compile() {
        builtIn = RuleBase.compile(List.of(RulePack.builtIn()));
    }

    @Test
    void everyRuleHasAUniqueIdASeedRowAndAProblemId() {
        List<RuleInfo> rules = builtIn.rules();
        assertThat(rules).hasSizeGreaterThan(40);
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.id()).as(r.name()).isNotBlank().isNotEqualTo(r.name());
            assertThat(r.row()).as(r.id()).isNotBlank();
            assertThat(r.problem()).as(r.id()).isNotBlank();
        });
        Set<String> seen = new HashSet<>();
        assertThat(rules).allSatisfy(r -> assertThat(seen.add(r.id())).as("duplicate @id " + r.id()).isTrue());
    }

    @Test
    void everyProblemARuleNamesIsDeclaredByThePack() {
        Set<String> declared = builtIn.problems().keySet();
        assertThat(builtIn.rules()).allSatisfy(r -> {
            if (!r.problem().equals("all")) {
                assertThat(declared).as(r.id()).contains(r.problem());
            }
        });
    }

    @Test
    void everyRowOfTheTableHasAtLeastOneRuleAndEveryCatalogIdIsDeclared() {
        Map<Integer, String> rows = builtIn.problems().values().stream()
                .collect(Collectors.toMap(ProblemDefinition::row, ProblemDefinition::id));
        assertThat(rows.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        for (int row = 1; row <= 13; row++) {
            String r = Integer.toString(row);
            assertThat(builtIn.rules()).as("row " + row).anySatisfy(rule -> assertThat(rule.row()).isEqualTo(r));
        }
    }

    @Test
    void theGapsListedInTheCatalogAreMarkedForReviewers() {
        Set<String> rowsWithGaps = builtIn.rules().stream().filter(r -> r.gap() != null).map(RuleInfo::row).collect(Collectors.toSet());
        assertThat(rowsWithGaps).contains("1", "7", "10", "12");
    }

    @Test
    void aBrokenRuleFileIsReportedWithItsFileAndLineAndNothingIsLoaded() {
        RulePack broken = RulePack.fromManifest("name=broken\nversion=0.1\n", List.of(
                new DrlSource("good.drl", "package p;\nrule \"fine\" @id(\"ok\") when then end\n"),
                new DrlSource("bad.drl", "package p;\n\nrule \"oops\"\nwhen\n    NoSuchFact( x == 1 )\nthen\nend\n")), "test");
        assertThatThrownBy(() -> RuleBase.compile(List.of(broken)))
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("broken/bad.drl:5:").contains("NoSuchFact")));
    }

    @Test
    void aManifestWithoutNameOrVersionIsRefused() {
        assertThatThrownBy(() -> RulePack.fromManifest("description=x\n", List.of(), "somewhere"))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("name is missing")
                .hasMessageContaining("version is missing");
    }
}
