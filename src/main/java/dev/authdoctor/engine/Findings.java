package dev.authdoctor.engine;

import dev.authdoctor.vocabulary.CauseFound;
import dev.authdoctor.vocabulary.EscalationDue;
import dev.authdoctor.vocabulary.LikelyStep;
import dev.authdoctor.vocabulary.PlanStep;
import dev.authdoctor.vocabulary.ProblemFound;
import dev.authdoctor.vocabulary.TextRecognised;

import java.util.List;

/**
 * What the rules concluded for one incident, each conclusion with the id of the rule that drew it, and
 * the ids of all rules that fired, in firing order.
 */
public record Findings(
        List<Attributed<ProblemFound>> problems,
        List<Attributed<CauseFound>> causes,
        List<Attributed<PlanStep>> steps,
        List<Attributed<LikelyStep>> likelySteps,
        List<Attributed<EscalationDue>> escalations,
        List<String> firedRules,
        List<TextRecognised> textRecognised) {

    public Findings(List<Attributed<ProblemFound>> problems, List<Attributed<CauseFound>> causes, List<Attributed<PlanStep>> steps,
                    List<Attributed<LikelyStep>> likelySteps, List<Attributed<EscalationDue>> escalations, List<String> firedRules) {
        this(problems, causes, steps, likelySteps, escalations, firedRules, List.of());
    }

    /** The text candidate a rule took as this problem, if it was heard in the ticket's words. */
    public java.util.Optional<TextRecognised> textFor(String problemId) {
        return textRecognised.stream().filter(t -> t.problemId().equals(problemId)).findFirst();
    }

    /**
     * A conclusion, the rule that inserted it and, when explaining, the facts that made that rule fire, as
     * field paths with their values.
     */
    public record Attributed<T>(T fact, String ruleId, List<String> because) {
    }
}
