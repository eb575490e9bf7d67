package dev.authdoctor.engine;

import dev.authdoctor.TestPacks;
import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading a pack checks what compiles yet is wrong; each finding names the file and line. */
class PackLintTest {

    static RulePackException refused(Path pack) {
        try {
            Troubleshooter.builder().addPack(pack).build();
        } catch (RulePackException e) {
            return e;
        }
        throw new AssertionError("the pack was loaded");
    }

    static String rule(String meta, String when, String then) {
        return """
                package test.rules;
                import dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;

                rule "a rule"
                    %s
                when
                    %s
                then
                    %s
                end
                """.formatted(meta, when, then);
    }

    @Test
    void theBuiltInPackPassesEveryCheck() {
        RuleBase base = RuleBase.compile(java.util.List.of(RulePack.builtIn()));
        assertThat(PackLint.check(base, RulePack.catalog().keySet())).isEmpty();
    }

    @Test
    void aRuleWithoutAnIdIsRefused(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "extra.drl", rule("@row(\"t\") @problem(\"test-widget-jammed\")", "Incident()", ""));
        assertThat(refused(dir).problems()).containsExactly("test-pack/extra.drl:4: rule \"a rule\" has no @id");
    }

    @Test
    void aDuplicateIdIsRefusedEvenAcrossPacks(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "extra.drl", rule("@id(\"row09-symptom\") @row(\"t\") @problem(\"test-widget-jammed\")", "Incident()", ""));
        assertThat(refused(dir).problems()).singleElement().asString()
                .contains("@id \"row09-symptom\"").contains("already used by rule").contains("row-09-token-not-working.drl");
    }

    @Test
    void aProblemIdNeitherInTheCatalogNorDeclaredIsRefused(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "extra.drl", rule("@id(\"x1\") @row(\"t\") @problem(\"test-widget-jammed\")", "Incident()",
                "insert(new ProblemFound(\"test-gadget-stuck\", Evidence.FACTS));"));
        assertThat(refused(dir).problems()).singleElement().asString()
                .startsWith("test-pack/extra.drl:9: problem id \"test-gadget-stuck\" is neither in the catalog nor declared by pack test-pack");
    }

    @Test
    void anUndeclaredProblemInMetadataIsRefused(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "extra.drl", rule("@id(\"x1\") @row(\"t\") @problem(\"nope\")", "Incident()", ""));
        assertThat(refused(dir).problems()).singleElement().asString()
                .isEqualTo("test-pack/extra.drl:4: @problem \"nope\" is neither in the catalog nor declared by pack test-pack");
    }

    @Test
    void aCatalogIdNeedsNoDeclaring(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "extra.drl", rule("@id(\"x1\") @row(\"t\") @problem(\"token-not-working\")", "Incident()",
                "insert(new CauseFound(\"token-not-working\", \"WIDGET\"));"));
        assertThat(Troubleshooter.builder().addPack(dir).build().rules()).anySatisfy(r -> assertThat(r.id()).isEqualTo("x1"));
    }

    @Test
    void aStepWithoutAnActorIsRefused(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "extra.drl", rule("@id(\"x1\") @row(\"t\") @problem(\"test-widget-jammed\")",
                "$need : SolutionNeeded( solutionId == \"test-widget-jammed\" )",
                "insert($need.step(\"shake\", 20, null, \"Shake it.\"));"));
        assertThat(refused(dir).problems()).singleElement().asString()
                .startsWith("test-pack/extra.drl:9: a plan step without an actor").contains("found \"null\"");
    }

    @Test
    void aDrlErrorNamesFileAndLineAndNothingIsLoaded(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "broken.drl", "package test.rules;\nimport dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;\n\nrule \"x\" @id(\"x\")\nwhen\n    Incident( nosuchfield == 1 )\nthen\nend\n");
        RulePackException e = refused(dir);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("test-pack/broken.drl:6:"));
        assertThat(e).hasMessageContaining("do not compile");
    }

    @Test
    void aPinnedPackMustHashToThePin(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        String good = RulePack.hashOf(dir);
        assertThat(Troubleshooter.builder().addPinnedPack(dir, good).build().rulePacks()).contains("test-pack 1");
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(dir, wrong).build())
                .isInstanceOf(RulePackException.class).hasMessageContaining("not the pinned " + wrong);
        TestPacks.put(dir, "scenarios/new.yaml", "[]\n");
        assertThat(RulePack.hashOf(dir)).as("any file of the pack counts").isNotEqualTo(good);
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(dir, good).build()).isInstanceOf(RulePackException.class);
    }

    @Test
    void packCodeThatReachesOutIsWarnedOfWithFileAndLineButNotRefused(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "extra.drl", """
                package test.rules;
                import dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;
                import java.io.File;
                // System.exit and java.io in a comment are no code; nor is "Runtime" in a string
                /* java.nio.file.Files.delete(...)
                   Runtime.getRuntime().halt(1) */
                rule "reaches out"
                    @id("reach") @row("t") @problem("test-widget-jammed")
                when
                    Incident()
                then
                    String why = "System.exit(1) would stop it";
                    try { new File("x").exists(); } catch (RuntimeException e) { }
                    java.lang.System.exit(2); Runtime.getRuntime().exec("true");
                    java.nio.file.Files.exists(java.nio.file.Path.of("x"));
                    new ProcessBuilder("true");
                end
                """);
        Troubleshooter doctor = Troubleshooter.builder().addPack(dir).build(); // warnings do not refuse the pack
        assertThat(PackLint.warnings(doctor.packs())).containsExactly(
                "test-pack/extra.drl:3: warning: uses java.io: it can read and write files (pack code runs with authdoctor's rights)",
                "test-pack/extra.drl:14: warning: uses System.exit: it would stop the whole process (pack code runs with authdoctor's rights)",
                "test-pack/extra.drl:14: warning: uses Runtime: it can start programs or stop the process (pack code runs with authdoctor's rights)",
                "test-pack/extra.drl:15: warning: uses java.nio.file: it can read and write files (pack code runs with authdoctor's rights)",
                "test-pack/extra.drl:16: warning: uses ProcessBuilder: it starts programs (pack code runs with authdoctor's rights)");
    }

    @Test
    void theShippedPacksReachOutNowhere() {
        assertThat(PackLint.warnings(java.util.List.of(RulePack.builtIn(), RulePack.fromFolder(Path.of("packs/idaas-extended"))))).isEmpty();
    }
}
