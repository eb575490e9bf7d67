package dev.authdoctor.testing;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * One case of a rule pack's scenario file: an incident ({@code given}, in the input contract's shape) and
 * what its diagnosis must show ({@code expect}). Every part of {@code expect} is optional; what is left
 * out is not checked.
 *
 * @param file where the case is written, for messages
 */
public record Scenario(String name, String file, JsonNode given, Expectation expect) {

    /**
     * @param outcome          DIAGNOSED, NO_MATCH or REJECTED
     * @param problems         exactly these problem ids, in any order
     * @param problemsInclude  at least these problem ids
     * @param causes           exactly these cause codes (of all problems), in any order
     * @param causesInclude    at least these cause codes
     * @param steps            these steps, in this order (others may come between)
     * @param stepsExactly     the whole plan: exactly these steps, in this order, and no others
     * @param escalation       checked when {@code checkEscalation}: null means no escalation
     * @param heardInWords     exactly these problem ids were found in the ticket's words alone (evidence TEXT), not by a
     *                         rule on the message or the facts; {@code []} pins that the rules recognised every one
     * @param whyNot           what {@code why-not} says of these problems' words (contradicted by a fact, other candidates
     *                         taken instead, a firmer finding); empty when not checked
     */
    public record Expectation(String outcome, List<String> problems, List<String> problemsInclude, List<String> causes,
                              List<String> causesInclude, List<StepExpectation> steps, List<StepExpectation> stepsExactly, boolean checkEscalation,
                              EscalationExpectation escalation, List<String> heardInWords, List<WhyNotExpectation> whyNot) {

        /**
         * An expectation that asks nothing of why-not, as before {@code whyNot} existed.
         *
         * @param outcome         DIAGNOSED, NO_MATCH or REJECTED
         * @param problems        exactly these problem ids, in any order
         * @param problemsInclude at least these problem ids
         * @param causes          exactly these cause codes, in any order
         * @param causesInclude   at least these cause codes
         * @param steps           these steps, in this order (others may come between)
         * @param stepsExactly    the whole plan, in this order
         * @param checkEscalation whether the escalation is checked
         * @param escalation      the escalation expected; null for none
         * @param heardInWords    exactly these problem ids found in the ticket's words alone
         */
        public Expectation(String outcome, List<String> problems, List<String> problemsInclude, List<String> causes,
                           List<String> causesInclude, List<StepExpectation> steps, List<StepExpectation> stepsExactly, boolean checkEscalation,
                           EscalationExpectation escalation, List<String> heardInWords) {
            this(outcome, problems, problemsInclude, causes, causesInclude, steps, stepsExactly, checkEscalation, escalation, heardInWords,
                    List.of());
        }

        /**
         * Copies {@code whyNot}, an empty list when null.
         *
         * @param outcome         DIAGNOSED, NO_MATCH or REJECTED
         * @param problems        exactly these problem ids, in any order
         * @param problemsInclude at least these problem ids
         * @param causes          exactly these cause codes, in any order
         * @param causesInclude   at least these cause codes
         * @param steps           these steps, in this order (others may come between)
         * @param stepsExactly    the whole plan, in this order
         * @param checkEscalation whether the escalation is checked
         * @param escalation      the escalation expected; null for none
         * @param heardInWords    exactly these problem ids found in the ticket's words alone
         * @param whyNot          what why-not must say of these problems' words
         */
        public Expectation {
            whyNot = whyNot == null ? List.of() : List.copyOf(whyNot);
        }
    }

    /**
     * What {@code why-not} must say of one problem's words; null parts are not checked.
     *
     * @param problemId      the problem asked about
     * @param contradictedBy the fact that contradicted the words: {@code ""} for none, else a part of its description
     * @param tookInstead    exactly these problems' candidates were taken instead of this one's, in any order, each as
     *                       many times as why-not lists it
     * @param firmer         the problem found from firmer evidence that kept the words out: {@code ""} for none
     */
    public record WhyNotExpectation(String problemId, String contradictedBy, List<String> tookInstead, String firmer) {
    }

    /**
     * One step a case expects: written as a string, a step's id or its exact text ({@code idOrText}); written as
     * {@code {id, actor, text}}, each part given must match (the plan's wording and who acts, not only its ids).
     */
    public record StepExpectation(String idOrText, String id, String actor, String text) {

        /**
         * Whether the plan's step is this one.
         *
         * @param step a step of the plan
         * @return true when every part given matches
         */
        public boolean matches(dev.authdoctor.api.Diagnosis.Step step) {
            if (idOrText != null) {
                return idOrText.equals(step.id()) || idOrText.equals(step.text());
            }
            return (id == null || id.equals(step.id())) && (actor == null || actor.equals(step.actor().name()))
                    && (text == null || text.equals(step.text()));
        }

        @Override
        public String toString() {
            if (idOrText != null) {
                return idOrText;
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (id != null) {
                parts.add(id);
            }
            if (actor != null) {
                parts.add("actor " + actor);
            }
            if (text != null) {
                parts.add("text \"" + text + "\"");
            }
            return "{" + String.join(", ", parts) + "}";
        }
    }

    /** The parts of an escalation a case names; null parts are not checked. */
    public record EscalationExpectation(String contact, String condition, Boolean now) {
    }
}
