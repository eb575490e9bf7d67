package dev.authdoctor.api;

import dev.authdoctor.TestPacks;
import dev.authdoctor.engine.RuleBase;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.incident.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which packs a troubleshooter loads, which help desk it escalates to, and what it says about them. */
class PackLoadingTest {

    static final Incident WIDGET = incident("{\"id\":\"w\",\"error\":{\"message\":\"The widget is jammed.\"}}");

    @Test
    void aPackReplacesAnEarlierOneOfTheSameNameWhereverItComes(@TempDir Path dir) throws Exception {
        Path one = TestPacks.write(dir.resolve("one"), "1");
        Path two = TestPacks.write(dir.resolve("two"), "2");
        Path three = TestPacks.write(dir.resolve("three"), "3");
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(one).addPack(two).addPack(three).build()) {
            assertThat(doctor.rulePacks()).containsExactly("authdoctor-builtin 1.0.0", "test-pack 3");
            assertThat(doctor.diagnose(WIDGET).steps().get(0).text()).isEqualTo("Unjam the widget (version 3).");
        }
        // the built-in pack's own folder replaces the built-in pack: one pack, not two
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(Path.of("rules")).addPack(one).build()) {
            assertThat(doctor.rulePacks()).containsExactly("authdoctor-builtin 1.0.0", "test-pack 1");
            assertThat(doctor.packs()).extracting(PackInfo::folder).containsExactly(Path.of("rules"), one);
        }
    }

    @Test
    void withoutTheBuiltInPackOnlyTheAddedOnesRunAndNoneAtAllIsRefused(@TempDir Path dir) throws Exception {
        Path pack = TestPacks.write(dir, "1");
        try (Troubleshooter doctor = Troubleshooter.builder().withoutBuiltIn().addPack(pack).build()) {
            assertThat(doctor.rulePacks()).containsExactly("test-pack 1");
            assertThat(doctor.diagnose(incident("{\"id\":\"t\",\"symptom\":\"TOKEN_NOT_WORKING\"}")).outcome())
                    .isEqualTo(Diagnosis.Outcome.NO_MATCH);
        }
        assertThatThrownBy(() -> Troubleshooter.builder().withoutBuiltIn().build()).isInstanceOf(RulePackException.class)
                .hasMessage("no rule pack to load: the built-in pack is off and no other was given");
    }

    @Test
    void aPinnedPackLoadsOnItsHashInAnyCaseAndIsRefusedOnAnother(@TempDir Path dir) throws Exception {
        Path pack = TestPacks.write(dir, "1");
        String hash = RulePack.hashOf(pack);
        try (Troubleshooter doctor = Troubleshooter.builder().addPinnedPack(pack, " " + hash.toUpperCase() + " ").build()) {
            assertThat(doctor.rulePacks()).containsExactly("authdoctor-builtin 1.0.0", "test-pack 1");
            assertThat(doctor.packs().get(1).sha256()).isEqualTo(hash);
        }
        String other = "0".repeat(64);
        assertThatThrownBy(() -> Troubleshooter.builder().addPinnedPack(pack, other).build())
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems()).containsExactly(
                        pack + ": its contents hash to sha256 " + hash + ", not the pinned " + other))
                .hasMessageStartingWith("a rule pack does not match its pinned hash:\n  " + pack);
    }

    @Test
    void escalationsGoToTheBuildersContactElseTheLastPackNamingOneElseEntrust(@TempDir Path dir) throws Exception {
        Path plain = TestPacks.write(dir.resolve("plain"), "1");
        Path own = contactOnly(dir.resolve("own"), "own-pack", "desk@example.org");
        Path later = contactOnly(dir.resolve("later"), "later-pack", "later@example.org");
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(plain).build()) {
            assertThat(doctor.supportContact()).isEqualTo(Troubleshooter.DEFAULT_SUPPORT_CONTACT);
        }
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(own).addPack(plain).build()) {
            assertThat(doctor.supportContact()).as("a pack without a contact does not undo one").isEqualTo("desk@example.org");
        }
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(own).addPack(later).build()) {
            assertThat(doctor.supportContact()).isEqualTo("later@example.org");
        }
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(own).supportContact("  help@example.com \n").build()) {
            assertThat(doctor.supportContact()).isEqualTo("help@example.com");
        }
        assertThatThrownBy(() -> Troubleshooter.builder().supportContact(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("supportContact must not be blank");
        // rules compiled elsewhere (the mutation runner) escalate as loading the same packs would
        RuleBase rules = RuleBase.compile(List.of(RulePack.builtIn(), RulePack.fromFolder(own), RulePack.fromFolder(plain)));
        assertThat(Troubleshooter.overRules(rules).supportContact()).isEqualTo("desk@example.org");
        assertThat(Troubleshooter.overRules(rules).rulePacks()).containsExactly("authdoctor-builtin 1.0.0", "own-pack 1", "test-pack 1");
        RuleBase bare = RuleBase.compile(List.of(RulePack.builtIn(), RulePack.fromFolder(plain)));
        assertThat(Troubleshooter.overRules(bare).supportContact()).isEqualTo(Troubleshooter.DEFAULT_SUPPORT_CONTACT);
    }

    @Test
    void theCatalogListsTheTablesRowsInOrderThenAPacksOwnProblemsWithTheirPlan(@TempDir Path dir) throws Exception {
        Path pack = TestPacks.write(dir, "7");
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(pack).build()) {
            List<CatalogEntry> catalog = doctor.catalog();
            assertThat(catalog).extracting(CatalogEntry::row).filteredOn(r -> r != null).isSorted();
            CatalogEntry last = catalog.get(catalog.size() - 1);
            assertThat(last.problemId()).isEqualTo("test-widget-jammed");
            assertThat(last.row()).isNull();
            assertThat(last.title()).isEqualTo("The widget is jammed");
            assertThat(last.pack()).isEqualTo("test-pack");
            assertThat(last.rules()).containsExactly("widget-message", "widget-solution");
            assertThat(last.steps()).extracting(Diagnosis.Step::text).containsExactly("Unjam the widget (version 7).");
            assertThat(last.causes()).isEmpty();
            assertThat(last.gaps()).isEmpty();
            CatalogEntry first = catalog.get(0);
            assertThat(first.row()).isEqualTo(1);
            assertThat(first.pack()).isEqualTo("authdoctor-builtin");
            assertThat(first.steps()).isNotEmpty();
        }
        CatalogEntry tokens = DOCTOR.catalog().stream().filter(e -> e.problemId().equals("token-not-working")).findFirst().orElseThrow();
        assertThat(tokens.causes()).contains("CLOCK_DRIFT").doesNotHaveDuplicates().doesNotContainNull();
        assertThat(tokens.escalation()).isNotNull();
    }

    @Test
    void packsAndRulesDescribeWhatIsLoaded(@TempDir Path dir) throws Exception {
        Path pack = withContact(TestPacks.write(dir, "2"), "own-pack", "desk@example.org");
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(pack).build()) {
            PackInfo info = doctor.packs().get(1);
            assertThat(info.name()).isEqualTo("own-pack");
            assertThat(info.label()).isEqualTo("own-pack 2");
            assertThat(info.version()).isEqualTo("2");
            assertThat(info.supportContact()).isEqualTo("desk@example.org");
            assertThat(info.folder()).isEqualTo(pack);
            assertThat(info.problems()).containsExactly(new PackInfo.Problem("test-widget-jammed", "The widget is jammed", null, null, null));
            assertThat(info.warnings()).isEmpty();
            assertThat(doctor.packs().get(0).folder()).as("the built-in pack, from the class path").isNull();
            assertThat(doctor.packs().get(0).problems()).extracting(PackInfo.Problem::id).isSorted();
            RuleSummary rule = doctor.rules().stream().filter(r -> r.id().equals("widget-message")).findFirst().orElseThrow();
            assertThat(rule).isEqualTo(new RuleSummary("widget-message", "The widget message means the widget is jammed", "test", "test-widget-jammed",
                    null, null, "own-pack", "own-pack/widget.drl", 5, true));
        }
    }

    @Test
    void whyNotAboutAnUnknownProblemListsTheKnownOnesSorted() {
        assertThatThrownBy(() -> DOCTOR.whyNot("no-such-problem", incident("{\"id\":\"w\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no rule pack knows the problem no-such-problem; known: ")
                .satisfies(e -> {
                    List<String> known = List.of(e.getMessage().substring(e.getMessage().indexOf("known: ") + 7).split(", "));
                    assertThat(known).isSorted().contains("token-not-working").hasSize(RulePack.catalog().size());
                });
    }

    /** A pack of no rules that only names a help desk. */
    private static Path contactOnly(Path dir, String name, String contact) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.properties"), "name=" + name + "\nversion=1\nsupportContact=" + contact + "\n");
        return dir;
    }

    private static Path withContact(Path pack, String name, String contact) throws Exception {
        String manifest = Files.readString(pack.resolve("pack.properties")).replace("name=test-pack", "name=" + name);
        Files.writeString(pack.resolve("pack.properties"), manifest + "supportContact=" + contact + "\n");
        return pack;
    }
}
