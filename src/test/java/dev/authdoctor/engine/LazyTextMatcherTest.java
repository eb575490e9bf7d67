package dev.authdoctor.engine;

import dev.authdoctor.incident.ErrorReport;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.vocabulary.Organisation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text matcher is built on the first ticket that needs it: a run of the product's own messages never pays for
 * analysing every phrase, and gets the same findings as a base whose matcher was built first.
 */
class LazyTextMatcherTest {

    private static final Organisation ORG = new Organisation("support@entrust.com");

    private static Incident message(String id, String text) {
        return Incident.builder(id).error(ErrorReport.builder().message(text).build()).build();
    }

    @Test
    void theProductsOwnMessagesNeedNoMatcherAndGetTheSameFindings() {
        List<Incident> exact = List.of(
                message("a", "Invalid key - The key sequence of numbers and letters is invalid."),
                message("b", "ERROR: an identity with the specified name already exists"), // prefix and case, as copied
                message("c", "The password entered is incorrect or the link is corrupted. Try again."));
        RuleBase lazy = RuleBase.compile(List.of(RulePack.builtIn()));
        RuleBase eager = RuleBase.compile(List.of(RulePack.builtIn()));
        assertThat(eager.textMatcher()).isNotNull();
        for (Incident i : exact) {
            Findings l = lazy.run(i, ORG);
            Findings e = eager.run(i, ORG);
            assertThat(l.problems()).isNotEmpty();
            // the session hands its facts back in no fixed order; the plan orders them
            assertThat(l.problems()).containsExactlyInAnyOrderElementsOf(e.problems());
            assertThat(l.steps()).containsExactlyInAnyOrderElementsOf(e.steps());
            assertThat(l.firedRules()).isEqualTo(e.firedRules());
        }
        assertThat(lazy.textMatcherBuilt()).as("no ticket so far needed the matcher").isFalse();

        Incident words = message("d", "the ST app keeps saying my activation code is expired");
        assertThat(lazy.run(words, ORG).problems()).containsExactlyInAnyOrderElementsOf(eager.run(words, ORG).problems()).isNotEmpty();
        assertThat(lazy.textMatcherBuilt()).as("a ticket in words builds it").isTrue();
    }
}
