package dev.authdoctor.api;

import dev.authdoctor.engine.Findings;
import dev.authdoctor.engine.Findings.Attributed;
import dev.authdoctor.engine.ProblemDefinition;
import dev.authdoctor.engine.RuleInfo;
import dev.authdoctor.vocabulary.CauseFound;
import dev.authdoctor.vocabulary.EscalationDue;
import dev.authdoctor.vocabulary.Evidence;
import dev.authdoctor.vocabulary.LikelyStep;
import dev.authdoctor.vocabulary.PlanStep;
import dev.authdoctor.vocabulary.ProblemFound;
import dev.authdoctor.vocabulary.TextCandidate;
import dev.authdoctor.vocabulary.TextRecognised;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of problems, steps and causes, and the escalation kept, from hand-made findings: each test sets up
 * exactly the tie that one ordering rule breaks, which no real pack's diagnosis isolates.
 */
class PlanAssemblerTest {

    /** Problems a..e on rows 5, 4, 3, 2, 1: the table order is the reverse of the id order. */
    private static final Map<String, ProblemDefinition> DEFINITIONS = Map.of(
            "a", new ProblemDefinition("a", "Problem A", 5),
            "b", new ProblemDefinition("b", "Problem B", 4),
            "c", new ProblemDefinition("c", "Problem C", 3),
            "d", new ProblemDefinition("d", "Problem D", 2),
            "e", new ProblemDefinition("e", "Problem E", 1),
            "a-narrow", new ProblemDefinition("a-narrow", "A, more specific", 9, "a", null),
            "a-drift", new ProblemDefinition("a-drift", "A, with drift alone", 9, "a", "DRIFT"));

    private static final List<RuleInfo> RULES = List.of(
            new RuleInfo("r-a", "finds a", "row 5", "a", null, null, "p", "a.drl", 1, true),
            new RuleInfo("r-cause", "names a cause", "row 5b", "a", "X", null, "p", "a.drl", 9, true));

    /** Findings built up by hand, each conclusion attributed to a rule. */
    private static final class F {
        final List<Attributed<ProblemFound>> problems = new ArrayList<>();
        final List<Attributed<CauseFound>> causes = new ArrayList<>();
        final List<Attributed<PlanStep>> steps = new ArrayList<>();
        final List<Attributed<LikelyStep>> likely = new ArrayList<>();
        final List<Attributed<EscalationDue>> escalations = new ArrayList<>();
        final List<String> fired = new ArrayList<>();
        final List<TextRecognised> text = new ArrayList<>();

        F problem(String id, Evidence e, String rule) {
            problems.add(new Attributed<>(new ProblemFound(id, e), rule, List.of(rule + ".because")));
            fired.add(rule);
            return this;
        }

        F problem(String id, Evidence e) {
            return problem(id, e, "r-" + id);
        }

        F cause(String problem, String cause, String rule) {
            causes.add(new Attributed<>(new CauseFound(problem, cause), rule, List.of(rule + ".because")));
            fired.add(rule);
            return this;
        }

        F step(String problem, String id, int seq, Actor actor, String rule) {
            steps.add(new Attributed<>(new PlanStep(problem, id, seq, actor, "do " + id), rule, List.of(rule + ".step")));
            return this;
        }

        F step(String problem, String id, int seq) {
            return step(problem, id, seq, Actor.USER, "r-" + problem);
        }

        F likely(String stepId) {
            likely.add(new Attributed<>(new LikelyStep(stepId, "facts"), "r-likely", List.of()));
            return this;
        }

        F escalation(String problem, String contact, EscalationCondition c, boolean now) {
            escalations.add(new Attributed<>(new EscalationDue(problem, contact, c, now, "because " + problem), "r-esc", List.of()));
            return this;
        }

        F heard(String problem, double score) {
            text.add(new TextRecognised(problem, new TextCandidate(problem, score, "description", List.of("word"), "en")));
            return this;
        }

        Findings findings() {
            return new Findings(problems, causes, steps, likely, escalations, fired, text);
        }

        // built in each test, not once for the class: PIT credits code run in a static initialiser to no test
        Diagnosis assemble() {
            return new PlanAssembler(DEFINITIONS, RULES).assemble("INC", findings(), List.of("p 1"));
        }

        Diagnosis explain() {
            return new PlanAssembler(DEFINITIONS, RULES).assemble("INC", findings(), List.of("p 1"), true);
        }
    }

    @Test
    void problemsComeByEvidenceMessageThenFactsThenTextThenSymptom() {
        Diagnosis d = new F().problem("e", Evidence.SYMPTOM).problem("d", Evidence.TEXT).problem("c", Evidence.FACTS)
                .problem("b", Evidence.MESSAGE).heard("d", 0.9).assemble();
        assertThat(d.problemIds()).containsExactly("b", "c", "d", "e");
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.DIAGNOSED);
        assertThat(d.problems()).extracting(Diagnosis.Problem::title).containsExactly("Problem B", "Problem C", "Problem D", "Problem E");
    }

    @Test
    void aProblemFoundTwiceKeepsItsBestEvidenceAndANamedCauseLiftsASymptomToFacts() {
        // "a" is found from a symptom, then from a message; "e" (row 1) from facts: "a" still comes first
        Diagnosis twice = new F().problem("a", Evidence.SYMPTOM, "r-a1").problem("e", Evidence.FACTS)
                .problem("a", Evidence.MESSAGE, "r-a2").assemble();
        assertThat(twice.problemIds()).containsExactly("a", "e");
        // the other way round: the message first, then the symptom, still the message
        Diagnosis reversed = new F().problem("a", Evidence.MESSAGE, "r-a2").problem("e", Evidence.FACTS)
                .problem("a", Evidence.SYMPTOM, "r-a1").assemble();
        assertThat(reversed.problemIds()).containsExactly("a", "e");
        // a symptom with a named cause counts as facts: it beats words; without the cause, words come first
        assertThat(new F().problem("a", Evidence.SYMPTOM).problem("e", Evidence.TEXT).cause("a", "X", "r-cause")
                .assemble().problemIds()).containsExactly("a", "e");
        assertThat(new F().problem("a", Evidence.SYMPTOM).problem("e", Evidence.TEXT).assemble().problemIds())
                .containsExactly("e", "a");
        // a cause never lowers a message to facts: "a" (row 5) stays ahead of "e" (row 1) found from facts
        assertThat(new F().problem("a", Evidence.MESSAGE).problem("e", Evidence.FACTS).cause("a", "X", "r-cause")
                .assemble().problemIds()).containsExactly("a", "e");
    }

    @Test
    void onEqualEvidenceTheMoreSpecificProblemComesFirst() {
        // a-narrow is on row 9, after a (row 5), but it refines a
        assertThat(new F().problem("a", Evidence.FACTS).problem("a-narrow", Evidence.FACTS).assemble().problemIds())
                .containsExactly("a-narrow", "a");
        // the refining one goes before every other problem on that evidence, not only before the one it refines
        assertThat(new F().problem("a", Evidence.SYMPTOM).problem("a-narrow", Evidence.SYMPTOM).problem("e", Evidence.SYMPTOM)
                .assemble().problemIds()).containsExactly("a-narrow", "e", "a");
        // refining a problem that was not found changes nothing: rows decide
        assertThat(new F().problem("a-narrow", Evidence.FACTS).problem("b", Evidence.FACTS).assemble().problemIds())
                .containsExactly("b", "a-narrow");
    }

    @Test
    void aRefinementTiedToACauseAppliesOnlyWhenThatCauseAloneWasFound() {
        F drift = new F().problem("a", Evidence.FACTS).problem("a-drift", Evidence.FACTS).cause("a", "DRIFT", "r-cause");
        assertThat(drift.assemble().problemIds()).containsExactly("a-drift", "a");
        F more = new F().problem("a", Evidence.FACTS).problem("a-drift", Evidence.FACTS).cause("a", "DRIFT", "r-cause")
                .cause("a", "LOCKED", "r-cause");
        assertThat(more.assemble().problemIds()).containsExactly("a", "a-drift");
        F none = new F().problem("a", Evidence.FACTS).problem("a-drift", Evidence.FACTS);
        assertThat(none.assemble().problemIds()).containsExactly("a", "a-drift");
        // a cause of another problem does not count for a
        F elsewhere = new F().problem("a", Evidence.FACTS).problem("a-drift", Evidence.FACTS).cause("b", "DRIFT", "r-b");
        assertThat(elsewhere.assemble().problemIds()).containsExactly("a", "a-drift");
    }

    @Test
    void onEqualEvidenceTheWordsMostConfidentlyHeardComeFirstThenTheTableRowThenTheId() {
        assertThat(new F().problem("e", Evidence.TEXT).problem("a", Evidence.TEXT).heard("e", 0.6).heard("a", 0.8)
                .assemble().problemIds()).containsExactly("a", "e");
        assertThat(new F().problem("a", Evidence.FACTS).problem("e", Evidence.FACTS).problem("c", Evidence.FACTS)
                .assemble().problemIds()).containsExactly("e", "c", "a");
        // problems no definition knows: no row, so after every known one, then by id; their title is their id
        Diagnosis unknown = new F().problem("zz", Evidence.FACTS).problem("yy", Evidence.FACTS).problem("a", Evidence.FACTS).assemble();
        assertThat(unknown.problemIds()).containsExactly("a", "yy", "zz");
        assertThat(unknown.problems().get(1).title()).isEqualTo("yy");
    }

    @Test
    void textEvidenceIsKeptOnlyForAProblemHeardInTheWords() {
        Diagnosis d = new F().problem("a", Evidence.TEXT).problem("b", Evidence.FACTS).heard("a", 0.75).heard("b", 0.5).assemble();
        Diagnosis.Problem a = d.problems().stream().filter(p -> p.id().equals("a")).findFirst().orElseThrow();
        assertThat(a.text()).isEqualTo(new Diagnosis.TextEvidence(0.75, "description", List.of("word"), "en"));
        Diagnosis.Problem b = d.problems().stream().filter(p -> p.id().equals("b")).findFirst().orElseThrow();
        assertThat(b.text()).as("found from facts, whatever the words say").isNull();
        assertThat(new F().problem("a", Evidence.TEXT).assemble().problems().get(0).text()).as("no candidate kept").isNull();
    }

    @Test
    void supportStepsComeLastThenByProblemThenLikelyStepsThenTheTablesOrder() {
        Diagnosis d = new F().problem("b", Evidence.MESSAGE).problem("a", Evidence.FACTS)
                .step("a", "a1", 1).step("a", "a2", 2)
                .step("b", "b-support", 1, Actor.SUPPORT, "r-b")
                .step("b", "b1", 2).step("b", "b2", 3).step("b", "b3", 4)
                .likely("b3").assemble();
        assertThat(d.steps()).extracting(Diagnosis.Step::id).containsExactly("b3", "b1", "b2", "a1", "a2", "b-support");
        assertThat(d.steps()).extracting(Diagnosis.Step::order).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(d.steps().get(0)).isEqualTo(new Diagnosis.Step(1, "b3", Actor.USER, "do b3", "b"));
        assertThat(d.steps().get(5).actor()).isEqualTo(Actor.SUPPORT);
    }

    @Test
    void aStepOfAProblemNotFoundComesAfterTheFoundOnesAndTiesGoById() {
        Diagnosis d = new F().problem("a", Evidence.FACTS)
                .step("ghost", "g1", 1).step("a", "a-y", 1).step("a", "a-x", 1).assemble();
        assertThat(d.steps()).extracting(Diagnosis.Step::id).containsExactly("a-x", "a-y", "g1");
    }

    @Test
    void aStepIdPlacedOnceIsNotPlacedAgainAndTheNumbersHaveNoGap() {
        Diagnosis d = new F().problem("a", Evidence.MESSAGE).problem("b", Evidence.FACTS)
                .step("a", "shared", 2).step("a", "a1", 1).step("b", "shared", 1).step("b", "b1", 2).assemble();
        assertThat(d.steps()).extracting(s -> s.order() + " " + s.id() + " " + s.problemId())
                .containsExactly("1 a1 a", "2 shared a", "3 b1 b");
    }

    @Test
    void causesComeInTheOrderOfTheirRulesStepsAndCausesWithoutStepsLastByName() {
        Diagnosis d = new F().problem("a", Evidence.FACTS)
                .cause("a", "ZETA", "r-z").cause("a", "ALPHA", "r-al").cause("a", "NOSTEP2", "r-n2").cause("a", "NOSTEP1", "r-n1")
                .cause("a", "BETA", "r-be").cause("b", "ELSEWHERE", "r-b")
                .step("a", "z-step", 1, Actor.USER, "r-z").step("a", "al-step", 3, Actor.USER, "r-al")
                .step("a", "be-step", 2, Actor.USER, "r-be").step("a", "be-late", 5, Actor.USER, "r-be")
                .assemble();
        assertThat(d.problems().get(0).causes()).containsExactly("ZETA", "BETA", "ALPHA", "NOSTEP1", "NOSTEP2");
    }

    @Test
    void aCauseNamedByTwoRulesTakesItsEarliestStep() {
        Diagnosis d = new F().problem("a", Evidence.FACTS)
                .cause("a", "LATE", "r-late").cause("a", "TWICE", "r-t1").cause("a", "TWICE", "r-t2")
                .step("a", "late", 2, Actor.USER, "r-late").step("a", "t1", 3, Actor.USER, "r-t1").step("a", "t2", 1, Actor.USER, "r-t2")
                .assemble();
        assertThat(d.problems().get(0).causes()).containsExactly("TWICE", "LATE");
    }

    @Test
    void aProblemsRulesAreThoseThatFoundItOrNamedItsCauseInFiringOrder() {
        F f = new F().problem("a", Evidence.FACTS, "r-2").problem("b", Evidence.FACTS, "r-b").cause("a", "X", "r-1")
                .cause("b", "Y", "r-b-cause").problem("a", Evidence.FACTS, "r-2");
        f.fired.add(0, "r-unrelated");
        Diagnosis d = f.assemble();
        Diagnosis.Problem a = d.problems().stream().filter(p -> p.id().equals("a")).findFirst().orElseThrow();
        assertThat(a.rules()).containsExactly("r-2", "r-1");
        assertThat(d.problems().get(0).rules()).as("b, row 4, before a").containsExactly("r-b", "r-b-cause");
        assertThat(d.firedRules()).containsExactly("r-unrelated", "r-2", "r-b", "r-1", "r-b-cause", "r-2");
        assertThat(d.rulePacks()).containsExactly("p 1");
        assertThat(a.explanations()).as("not asked to explain").isEmpty();
        assertThat(d.steps()).isEmpty();
    }

    @Test
    void explainedProblemsAndStepsCarryTheirRuleRowAndFactsOnceEachSortedByRule() {
        Diagnosis d = new F().problem("a", Evidence.FACTS, "r-cause").problem("a", Evidence.FACTS, "r-a")
                .problem("a", Evidence.FACTS, "r-a").cause("a", "X", "r-cause").cause("a", "Y", "r-other")
                .problem("b", Evidence.FACTS, "r-b").step("a", "a1", 1, Actor.USER, "r-a").explain();
        Diagnosis.Problem a = d.problems().stream().filter(p -> p.id().equals("a")).findFirst().orElseThrow();
        assertThat(a.explanations()).containsExactly(
                new Diagnosis.Explanation("r-a", "row 5", List.of("r-a.because")),
                new Diagnosis.Explanation("r-cause", "row 5b", List.of("r-cause.because")),
                new Diagnosis.Explanation("r-other", null, List.of("r-other.because")));
        assertThat(d.steps().get(0).explanation()).isEqualTo(new Diagnosis.Explanation("r-a", "row 5", List.of("r-a.step")));
        assertThat(new F().problem("a", Evidence.FACTS).step("a", "a1", 1).assemble().steps().get(0).explanation()).isNull();
    }

    @Test
    void theMostUrgentEscalationIsKeptThenByProblemThenByContact() {
        Diagnosis d = new F().problem("a", Evidence.FACTS)
                .escalation("a", "x@example.com", EscalationCondition.IF_PERSISTS, true)
                .escalation("a", "x@example.com", EscalationCondition.IMMEDIATE, false)
                .escalation("b", "x@example.com", EscalationCondition.AFTER_SECOND_ATTEMPT, true).assemble();
        assertThat(d.escalation()).isEqualTo(new Diagnosis.Escalation("x@example.com", EscalationCondition.IMMEDIATE, false, "because a"));
        assertThat(new F().problem("a", Evidence.FACTS)
                .escalation("b", "x@example.com", EscalationCondition.IF_PERSISTS, false)
                .escalation("b", "x@example.com", EscalationCondition.IF_PERSISTS, true).assemble().escalation().now()).isTrue();
        assertThat(new F().problem("a", Evidence.FACTS)
                .escalation("b", "b@example.com", EscalationCondition.IF_PERSISTS, true)
                .escalation("a", "z@example.com", EscalationCondition.IF_PERSISTS, true)
                .escalation("a", "y@example.com", EscalationCondition.IF_PERSISTS, true).assemble().escalation().contact())
                .isEqualTo("y@example.com");
        assertThat(new F().problem("a", Evidence.FACTS).assemble().escalation()).isNull();
    }

    @Test
    void noProblemFoundIsNoMatchWithNothingElseButTheFiredRules() {
        F f = new F().step("a", "a1", 1).escalation("a", "x@example.com", EscalationCondition.IMMEDIATE, true);
        f.fired.add("r-helper");
        Diagnosis d = f.assemble();
        assertThat(d).isEqualTo(new Diagnosis("INC", Diagnosis.Outcome.NO_MATCH, List.of(), List.of(), null, List.of(),
                List.of("p 1"), List.of("r-helper")));
    }
}
