package dev.authdoctor.testing.mutation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each operator makes the expected mutant of a small DRL, found by Drools' parser, never inside a string or comment. */
class DrlMutatorTest {

    static final String DRL = """
            package t;

            import dev.authdoctor.incident.*;
            import dev.authdoctor.vocabulary.*;
            import dev.authdoctor.api.Actor;
            import dev.authdoctor.api.EscalationCondition;

            rule "A clock off"
                @id("r1") @row(1) @problem("p")
            when
                DeviceFacts( clockSkewSeconds > 300, clockSkewSeconds < 900 ) // not > 5 here
                not UserFacts( locked == true )
            then
                insert(new ProblemFound("p", Evidence.FACTS));
            end

            rule "Its plan"
                @id("r2") @row(1) @problem("p")
            when
                $need : SolutionNeeded( solutionId == "p" )
            then
                insert($need.step("a", 10, Actor.USER, "Wait > 5 minutes, then sync."));
                insert($need.step("b", 20, Actor.ADMINISTRATOR, "Do B."));
                insert(new SupportHandover("p", EscalationCondition.IF_PERSISTS, "If it persists, contact {support}.", "why"));
            end
            """;

    private static final List<Mutant> ALL = DrlMutator.mutants("t.drl", DRL);

    private static List<String> changes(Operator op) {
        return ALL.stream().filter(m -> m.operator() == op).map(m -> m.rule() + ": " + m.change()).toList();
    }

    private static String applied(Operator op, String change) {
        Mutant m = ALL.stream().filter(x -> x.operator() == op && x.change().equals(change)).findFirst().orElseThrow(
                () -> new AssertionError("no " + op + " mutant " + change + " among " + changes(op)));
        return m.apply(DRL);
    }

    @Test
    void comparisonsAreFlippedInConditionsOnly() {
        assertThat(changes(Operator.FLIP_COMPARISON)).containsExactly(
                "r1: clockSkewSeconds > 300 -> clockSkewSeconds >= 300",
                "r1: clockSkewSeconds < 900 -> clockSkewSeconds <= 900",
                "r1: locked == true -> locked != true",
                "r2: solutionId == \"p\" -> solutionId != \"p\"");
        assertThat(applied(Operator.FLIP_COMPARISON, "clockSkewSeconds > 300 -> clockSkewSeconds >= 300"))
                .contains("DeviceFacts( clockSkewSeconds >= 300, clockSkewSeconds < 900 ) // not > 5 here")
                .contains("\"Wait > 5 minutes, then sync.\"");
    }

    @Test
    void thresholdsMoveByOne() {
        assertThat(changes(Operator.CHANGE_THRESHOLD)).containsExactly(
                "r1: clockSkewSeconds > 300 -> clockSkewSeconds > 301", "r1: clockSkewSeconds > 300 -> clockSkewSeconds > 299",
                "r1: clockSkewSeconds < 900 -> clockSkewSeconds < 901", "r1: clockSkewSeconds < 900 -> clockSkewSeconds < 899");
    }

    @Test
    void conditionsAreNegatedAndNotIsTakenAway() {
        assertThat(changes(Operator.NEGATE_CONDITION)).contains(
                "r1: clockSkewSeconds > 300 -> !( clockSkewSeconds > 300 )",
                "r1: DeviceFacts( clockSkewSeconds > 300, clockSkewSeconds < 900 ) -> not DeviceFacts( clockSkewSeconds > 300, clockSkewSeconds < 900 )",
                "r1: not UserFacts( locked == true ) -> UserFacts( locked == true )");
        assertThat(applied(Operator.NEGATE_CONDITION, "not UserFacts( locked == true ) -> UserFacts( locked == true )"))
                .contains("\n    UserFacts( locked == true )\n").doesNotContain("not UserFacts");
        // A lone == is negated by its flip already; negating it again would be the same mutant twice.
        assertThat(changes(Operator.NEGATE_CONDITION)).noneMatch(c -> c.contains("!( locked == true )"));
    }

    @Test
    void patternsAndConstraintsAreDropped_butNotABindingTheConsequenceUses() {
        assertThat(changes(Operator.DROP_PATTERN)).containsExactly(
                "r1: DeviceFacts( clockSkewSeconds > 300, clockSkewSeconds < 900 ) -> (removed)",
                "r1: not UserFacts( locked == true ) -> (removed)");
        assertThat(applied(Operator.DROP_CONSTRAINT, "clockSkewSeconds > 300 -> (removed)"))
                .contains("DeviceFacts( clockSkewSeconds < 900 )");
        assertThat(applied(Operator.DROP_CONSTRAINT, "clockSkewSeconds < 900 -> (removed)"))
                .contains("DeviceFacts( clockSkewSeconds > 300 )");
    }

    @Test
    void aRuleIsDeletedWhole() {
        String text = applied(Operator.DELETE_RULE, "rule \"A clock off\" -> (removed)");
        assertThat(text).doesNotContain("A clock off").doesNotContain("@id(\"r1\")").contains("rule \"Its plan\"");
        assertThat(ALL.stream().filter(m -> m.operator() == Operator.DELETE_RULE).map(Mutant::line)).containsExactly(8, 17);
    }

    @Test
    void stepsSwapTheirOrderAndChangeActorAndText() {
        assertThat(applied(Operator.SWAP_STEP_ORDER, "a 10, b 20 -> a 20, b 10"))
                .contains("step(\"a\", 20, Actor.USER").contains("step(\"b\", 10, Actor.ADMINISTRATOR");
        assertThat(applied(Operator.CHANGE_ACTOR, "a: Actor.USER -> a: Actor.ADMINISTRATOR")).contains("step(\"a\", 10, Actor.ADMINISTRATOR,");
        assertThat(applied(Operator.CHANGE_STEP_TEXT, "a: \"Wait > 5 minutes, then sync.\" -> a: \"(mutated) Wait > 5 minutes, then sync.\""))
                .contains("\"(mutated) Wait > 5 minutes, then sync.\"");
        assertThat(changes(Operator.CHANGE_STEP_TEXT)).contains("r2: hand-over: \"If it persists, contact {support}.\" -> "
                + "hand-over: \"(mutated) If it persists, contact {support}.\"");
    }

    @Test
    void escalationConditionsTakeEveryOtherValue() {
        assertThat(changes(Operator.CHANGE_ESCALATION)).containsExactly(
                "r2: EscalationCondition.IF_PERSISTS -> EscalationCondition.IMMEDIATE",
                "r2: EscalationCondition.IF_PERSISTS -> EscalationCondition.AFTER_SECOND_ATTEMPT");
    }

    @Test
    void eachMutantSaysWhereItIs() {
        Mutant flip = ALL.stream().filter(m -> m.operator() == Operator.FLIP_COMPARISON).findFirst().orElseThrow();
        assertThat(flip.file()).isEqualTo("t.drl");
        assertThat(flip.line()).isEqualTo(11);
        assertThat(flip.callers()).containsExactly("r1");
    }
}
