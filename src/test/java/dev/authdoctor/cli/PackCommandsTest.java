package dev.authdoctor.cli;

import dev.authdoctor.TestPacks;
import dev.authdoctor.engine.RulePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** validate, test, catalog, hash, and --rules / --no-builtin / --pack-sha256 on the command line. */
class PackCommandsTest {

    static final String WIDGET = "{\"id\":\"w\",\"error\":{\"message\":\"The widget is jammed.\"}}\n";

    @Test
    void validateSaysASoundPackIsSoundAndABrokenOneWhereItBreaks(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        BatchCommandTest.Run ok = run("", "validate", dir.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("test-pack 1 is sound: 2 rules, 1 problems declared");
        TestPacks.put(dir, "widget.drl", "package test.rules;\nimport dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;\nrule \"no id\"\nwhen\n  Incident()\nthen\nend\n");
        BatchCommandTest.Run bad = run("", "validate", dir.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("test-pack/widget.drl:3: rule \"no id\" has no @id");
    }

    @Test
    void testRunsScenariosPrintsFailuresAndCoverage(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "scenarios/w.yaml", """
                - name: jammed
                  given: {id: w1, error: {message: "The widget is jammed."}}
                  expect: {problems: [test-widget-jammed]}
                """);
        BatchCommandTest.Run pass = run("", "test", dir.toString(), "--require-full-coverage");
        assertThat(pass.exit()).isZero();
        assertThat(pass.out()).contains("PASS  scenarios/w.yaml: jammed").contains("coverage: 2 of 2 rules of test-pack fired")
                .contains("1 passed, 0 failed");
        TestPacks.put(dir, "scenarios/w.yaml", """
                - name: wrong
                  given: {id: w1, error: {message: "Something else."}}
                  expect: {problems: [test-widget-jammed]}
                """);
        BatchCommandTest.Run fail = run("", "test", dir.toString());
        assertThat(fail.exit()).isEqualTo(1);
        assertThat(fail.out()).contains("FAIL  scenarios/w.yaml: wrong")
                .contains("problems: expected exactly [test-widget-jammed] but was []")
                .contains("never fired: widget-message, widget-solution").contains("0 passed, 1 failed");
    }

    @Test
    void fullCoverageCanBeRequired(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "scenarios/w.yaml", """
                - name: nothing
                  given: {id: w1}
                  expect: {outcome: NO_MATCH}
                """);
        assertThat(run("", "test", dir.toString()).exit()).isZero();
        BatchCommandTest.Run strict = run("", "test", dir.toString(), "--require-full-coverage");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains("never fired: widget-message, widget-solution");
    }

    @Test
    void theBuiltInPackPassesItsOwnTestsWithFullCoverage() {
        BatchCommandTest.Run r = run("", "test", "rules", "--require-full-coverage");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(" 0 failed").doesNotContain("never fired");
    }

    @Test
    void diagnoseWithAPackOfOnesOwnAndWithoutTheBuiltInOne(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        BatchCommandTest.Run both = run(WIDGET + "{\"id\":\"t\",\"symptom\":\"TOKEN_NOT_WORKING\"}\n", "diagnose", "--rules", dir.toString());
        assertThat(both.out().lines().toList()).hasSize(2);
        assertThat(both.out().lines().toList().get(0)).contains("\"test-widget-jammed\"").contains("\"rulePacks\":[\"authdoctor-builtin 1.0.0\",\"test-pack 1\"]");
        assertThat(both.out().lines().toList().get(1)).contains("\"token-not-working\"");
        BatchCommandTest.Run only = run("{\"id\":\"t\",\"symptom\":\"TOKEN_NOT_WORKING\"}\n", "diagnose", "--rules", dir.toString(), "--no-builtin");
        assertThat(only.out()).contains("\"NO_MATCH\"").contains("\"rulePacks\":[\"test-pack 1\"]");
        assertThat(run("", "diagnose", "--no-builtin").exit()).isEqualTo(2);
    }

    @Test
    void aPinnedHashIsCheckedOnTheCommandLine(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        BatchCommandTest.Run hash = run("", "hash", dir.toString());
        assertThat(hash.out()).startsWith(RulePack.hashOf(dir) + "  ");
        assertThat(run(WIDGET, "diagnose", "--rules", dir.toString(), "--pack-sha256", RulePack.hashOf(dir)).exit()).isZero();
        BatchCommandTest.Run wrong = run(WIDGET, "diagnose", "--rules", dir.toString(), "--pack-sha256", dir + "=" + "ab".repeat(32));
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("not the pinned " + "ab".repeat(32));
        assertThat(wrong.out()).isEmpty();
        assertThat(run(WIDGET, "diagnose", "--rules", dir.toString(), "--pack-sha256", "xyz").exit()).isEqualTo(2);
    }

    @Test
    void theCatalogRendersThePacksInThreeFormats(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        BatchCommandTest.Run md = run("", "catalog", "--rules", dir.toString());
        assertThat(md.exit()).isZero();
        assertThat(md.out()).contains("## 9. The token does not work when the user authenticates")
                .contains("**Causes the rules can name:** USER_INACTIVE, AUTHENTICATOR_INACTIVE, NO_AUTHENTICATOR, RESOURCE_RULE_DENIES, USER_LOCKED, CLOCK_DRIFT")
                .contains("1. ADMINISTRATOR: Check that the user and the authenticator they use are both active")
                .contains("## The widget is jammed").contains("1. USER: Unjam the widget (version 1).")
                .contains("Reviewer's note (gap in the source)");
        JsonNode json = JsonMapper.builder().build().readTree(run("", "catalog", "--format", "json").out());
        assertThat(json.get("problems").size()).isEqualTo(13);
        assertThat(json.get("problems").get(2).get("escalation").get("condition").asString()).isEqualTo("AFTER_SECOND_ATTEMPT");
        assertThat(run("", "catalog", "--format", "html").out()).startsWith("<!DOCTYPE html>").contains("<code>token-not-working</code>");
    }

    @Test
    void aSymlinkedPackFolderHashesAndPinsLikeItsTarget(@TempDir Path tmp) throws Exception {
        Path real = TestPacks.write(tmp.resolve("pk2"), "1");
        Path link = tmp.resolve("pklink");
        dev.authdoctor.engine.PackTrustTest.symlink(link, real.getFileName());
        String realHash = run("", "hash", real.toString()).out().split(" ")[0];
        assertThat(run("", "hash", link.toString()).out()).startsWith(realHash + "  ");
        TestPacks.write(real, "2");
        String nothing = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        BatchCommandTest.Run pinnedToNothing = run(WIDGET, "diagnose", "--rules", link.toString(), "--pack-sha256", link + "=" + nothing);
        assertThat(pinnedToNothing.exit()).isEqualTo(1);
        assertThat(pinnedToNothing.out()).isEmpty();
        BatchCommandTest.Run pinnedToOld = run(WIDGET, "diagnose", "--rules", link.toString(), "--pack-sha256", link + "=" + realHash);
        assertThat(pinnedToOld.exit()).isEqualTo(1);
        assertThat(pinnedToOld.err()).contains("not the pinned " + realHash);
    }

    @Test
    void validateWarnsOfPackCodeThatReachesOutAndSaysWhichCommandsRunIt(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        Path marker = dir.resolveSibling(dir.getFileName() + "-written");
        TestPacks.put(dir, "extra.drl", """
                package test.rules;
                import dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;
                import java.nio.file.Files;

                rule "reaches out"
                    @id("reach") @row("t") @problem("test-widget-jammed")
                when
                    // nothing: fires in any session that fires rules
                then
                    Files.writeString(java.nio.file.Path.of("%s"), "x");
                    Runtime.getRuntime().gc();
                    if (Boolean.getBoolean("authdoctor.never.set")) { System.exit(3); }
                end
                """.formatted(marker.toString().replace("\\", "/")));
        BatchCommandTest.Run r = run("", "validate", dir.toString());
        assertThat(r.exit()).as("a warning, not an error").isZero();
        assertThat(r.out()).contains("test-pack 1 is sound");
        assertThat(r.out().lines().filter(l -> l.contains("warning:")).toList()).satisfiesExactlyInAnyOrder(
                l -> assertThat(l).contains("test-pack/extra.drl:3:").contains("java.nio.file"),
                l -> assertThat(l).contains("test-pack/extra.drl:10:").contains("java.nio.file"),
                l -> assertThat(l).contains("test-pack/extra.drl:11:").contains("Runtime"),
                l -> assertThat(l).contains("test-pack/extra.drl:12:").contains("System.exit"));
        assertThat(r.out().lines().filter(l -> l.contains("run pack code")).toList()).singleElement().asString()
                .contains("diagnose").contains("catalog").contains("test").contains("validate runs none");
        assertThat(marker).as("validate ran none of the pack's code").doesNotExist();
        assertThat(run("", "catalog", "--rules", dir.toString()).exit()).isZero();
        assertThat(marker).as("catalog does run it").exists();
        assertThat(run("", "validate", "rules").out()).as("the built-in pack reaches out nowhere").doesNotContain("warning:");
    }
}
