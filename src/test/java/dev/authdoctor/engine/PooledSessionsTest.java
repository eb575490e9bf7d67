package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.vocabulary.Organisation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session emptied after one diagnosis and used for the next gives what a fresh session gives, rules fired in the
 * same order, for every incident whatever came before it; a base whose rules could leave state behind is not pooled;
 * a session that failed is never used again.
 */
class PooledSessionsTest {

    private static final Organisation ORG = new Organisation("support@entrust.com");

    @Test
    void pooledSessionsFindWhatFreshOnesFind_inTheSameFiringOrder_builtInAndExtended() throws IOException {
        List<RulePack> packs = List.of(RulePack.builtIn(), RulePack.fromFolder(Path.of("packs/idaas-extended")));
        for (List<RulePack> loaded : List.of(packs.subList(0, 1), packs)) {
            RuleBase pooled = RuleBase.compile(loaded);
            RuleBase fresh = RuleBase.compile(loaded);
            fresh.reuseSessions(false);
            assertThat(pooled.reusesSessions()).isTrue();
            assertThat(fresh.reusesSessions()).isFalse();
            List<Incident> incidents = incidents();
            for (int round = 0; round < 2; round++) {
                if (round == 1) { // the second time round, incidents without text run on the lean base's own pool
                    pooled.buildWithoutText();
                    fresh.buildWithoutText();
                }
                for (Incident i : incidents) {
                    Findings a = pooled.run(i, ORG);
                    Findings b = fresh.run(i, ORG);
                    assertThat(PrecompiledPackTest.normalised(a)).as(i.id()).isEqualTo(PrecompiledPackTest.normalised(b));
                    assertThat(a.firedRules()).as(i.id()).isEqualTo(b.firedRules());
                    assertThat(a.textRecognised()).as(i.id()).containsExactlyInAnyOrderElementsOf(b.textRecognised());
                }
            }
            assertThat(pooled.openSessions()).isZero();
            assertThat(pooled.idleSessions()).as("one whole-base and one lean session, kept").isEqualTo(2);
        }
    }

    @Test
    void manyThreadsAtOnceFindWhatOneFreshSessionFinds_andKeepNoMoreThanTheirShare() throws Exception {
        RuleBase pooled = RuleBase.compile(List.of(RulePack.builtIn()));
        RuleBase fresh = RuleBase.compile(List.of(RulePack.builtIn()));
        fresh.reuseSessions(false);
        List<Incident> incidents = incidents();
        List<List<String>> expected = new ArrayList<>();
        for (Incident i : incidents) {
            expected.add(signature(fresh.run(i, ORG)));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<List<String>>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 97;
                runs.add(pool.submit(() -> {
                    List<List<String>> got = new ArrayList<>(java.util.Collections.nCopies(incidents.size(), null));
                    for (int k = 0; k < incidents.size(); k++) {
                        int at = (k + offset) % incidents.size(); // each thread in its own order
                        got.set(at, signature(pooled.run(incidents.get(at), ORG)));
                    }
                    return got;
                }));
            }
            for (Future<List<List<String>>> r : runs) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(pooled.openSessions()).isZero();
        // per base: the whole one and the lean one, built in the background once 200 incidents had no text
        assertThat(pooled.idleSessions()).isBetween(1, 2 * RuleBase.POOLED_PER_CORE * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aSessionWhoseRulesFailedIsDisposed_andTheNextDiagnosisIsRight() {
        RulePack failing = pack("failing", """
                rule "A clock 4242 s off breaks the consequence"
                    @id("boom") @row("test") @problem("token-not-working")
                when
                    DeviceFacts( clockSkewSeconds == 4242 )
                then
                    throw new IllegalStateException("boom");
                end
                """);
        RuleBase pooled = RuleBase.compile(List.of(RulePack.builtIn(), failing));
        RuleBase fresh = RuleBase.compile(List.of(RulePack.builtIn(), failing));
        fresh.reuseSessions(false);
        assertThat(pooled.reusesSessions()).isTrue();
        Incident ok = read("{\"id\":\"OK\",\"user\":{\"state\":\"ACTIVE\"},\"device\":{\"clockSkewSeconds\":3},"
                + "\"error\":{\"message\":\"Your activation code has expired.\"}}");
        Incident boom = read("{\"id\":\"BOOM\",\"user\":{\"state\":\"ACTIVE\"},\"device\":{\"clockSkewSeconds\":4242},"
                + "\"error\":{\"message\":\"Your activation code has expired.\"}}");
        pooled.run(ok, ORG);
        assertThat(pooled.idleSessions()).isEqualTo(1);
        assertThatThrownBy(() -> pooled.run(boom, ORG)).hasMessageContaining("boom");
        assertThat(pooled.idleSessions()).as("the failed session is not kept").isZero();
        assertThat(pooled.openSessions()).as("and not left open").isZero();
        assertThat(PrecompiledPackTest.normalised(pooled.run(ok, ORG))).isEqualTo(PrecompiledPackTest.normalised(fresh.run(ok, ORG)))
                .isNotEmpty();
    }

    @Test
    void aRuleThatWouldKeepAFiredMatchAcrossIncidentsMakesTheBaseUnpooled_andItFiresForEveryIncident() {
        // `not` alone: its one match survives the deletion of every fact and would not fire again in a reused session
        RulePack notAlone = pack("not-alone", """
                rule "No problem found yet is noted"
                    @id("nothing-yet") @row("test") @problem("token-not-working")
                when
                    not ProblemFound()
                then
                    insert(new LikelyStep("nothing-yet", "no problem found yet"));
                end
                """);
        RuleBase base = RuleBase.compile(List.of(RulePack.builtIn(), notAlone));
        assertThat(base.reusesSessions()).isFalse();
        Incident plain = read("{\"id\":\"P\",\"user\":{\"state\":\"ACTIVE\"}}");
        for (int n = 0; n < 3; n++) {
            assertThat(base.run(plain, ORG).firedRules()).as("diagnosis " + n).contains("nothing-yet");
        }
        assertThat(base.openSessions()).isZero();
    }

    @Test
    void factsARuleInsertsIntoAnotherEntryPointAreEmptiedToo() {
        RulePack side = pack("side", """
                rule "Every incident leaves a note on the side"
                    @id("side-note") @row("test") @problem("token-not-working")
                when
                    $i : Incident()
                then
                    drools.getEntryPoint("notes").insert(new LikelyStep("note", $i.id()));
                end

                rule "A note on the side for another incident is a leftover"
                    @id("side-leftover") @row("test") @problem("token-not-working")
                when
                    $i : Incident()
                    LikelyStep( because != $i.id() ) from entry-point "notes"
                then
                    insert(new LikelyStep("leftover", $i.id()));
                end
                """);
        RuleBase pooled = RuleBase.compile(List.of(RulePack.builtIn(), side));
        assertThat(pooled.reusesSessions()).isTrue();
        for (String id : List.of("A", "B", "C")) {
            Findings f = pooled.run(read("{\"id\":\"" + id + "\",\"user\":{\"state\":\"ACTIVE\"}}"), ORG);
            assertThat(f.firedRules()).as(id).contains("side-note").doesNotContain("side-leftover");
        }
        assertThat(pooled.idleSessions()).isEqualTo(1);
    }

    @Test
    void whatStopsPoolingIsNamed() {
        assertThat(SessionPool.whyNotReusable(RuleBase.precompiled(List.of(RulePack.builtIn())))).isNull();
        assertThat(why("""
                rule "Exists alone"
                when
                    exists ProblemFound()
                then
                end
                """)).isEqualTo("Exists alone: no pattern over a fact of the session at its top level");
        assertThat(why("""
                rule "Counted"
                when
                    Number( intValue == 0 ) from accumulate( ProblemFound(), count() )
                then
                end
                """)).startsWith("Counted: no pattern");
        assertThat(why("""
                rule "In a group"
                    agenda-group "later"
                when
                    Incident()
                then
                end
                """)).isEqualTo("In a group: an agenda group");
        assertThat(why("""
                rule "Locked"
                    lock-on-active true
                when
                    Incident()
                then
                end
                """)).isEqualTo("Locked: lock-on-active");
        assertThat(why("""
                rule "Either"
                when
                    Incident() or not ProblemFound()
                then
                end
                """)).startsWith("Either: no pattern");
        assertThat(why("""
                rule "Anchored with a not and an exists"
                when
                    Incident()
                    not ProblemFound()
                    exists ErrorReport()
                then
                end
                """)).isNull();
    }

    private static String why(String rule) {
        RulePack p = pack("probe", rule);
        return SessionPool.whyNotReusable(RuleBase.compile(List.of(p), false).kieBaseForTests());
    }

    private static RulePack pack(String name, String rules) {
        return RulePack.fromManifest("name=" + name + "\nversion=1.0.0\n", List.of(new DrlSource(name + ".drl", """
                package test.%s;
                import dev.authdoctor.incident.*;
                import dev.authdoctor.vocabulary.*;
                %s
                """.formatted(name.replace('-', '_'), rules))), "test");
    }

    private static List<String> signature(Findings f) {
        List<String> s = new ArrayList<>(PrecompiledPackTest.normalised(f));
        s.add(f.firedRules().toString());
        return s;
    }

    private static Incident read(String json) {
        if (new IncidentReader().read(json) instanceof ReadResult.Accepted a) {
            return a.incident();
        }
        throw new IllegalArgumentException(json);
    }

    /** A generated export, the examples, and tickets in words (those run on the whole base, the rest on the lean one). */
    private static List<Incident> incidents() throws IOException {
        List<String> lines = new ArrayList<>(List.of(new String(new ExportGenerator(41).jsonLines(600, 0.0), StandardCharsets.UTF_8).split("\n")));
        lines.addAll(Files.readAllLines(Path.of("examples/incidents.jsonl")));
        lines.add("{\"id\":\"W1\",\"description\":\"User locked in IDaaS + ST app locked. Unlock ST app procedure won't complete. pls advise\"}");
        lines.add("{\"id\":\"W2\",\"symptom\":\"TOKEN_NOT_WORKING\",\"description\":\"the codes are rejected, the clock on my phone is off by several minutes\"}");
        lines.add("{\"id\":\"W3\",\"error\":{\"message\":\"activation code expired, go back to your identity provider\"}}");
        lines.add("{\"id\":\"W4\",\"description\":\"le code d'activation a expiré\"}");
        List<Incident> out = new ArrayList<>();
        IncidentReader reader = new IncidentReader();
        for (String line : lines) {
            if (!line.isBlank() && reader.read(line) instanceof ReadResult.Accepted a) {
                out.add(a.incident());
            }
        }
        assertThat(out).hasSizeGreaterThan(600);
        return out;
    }
}
