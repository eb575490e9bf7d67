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
     * @param steps            these steps, each a step id or a step's exact text, in this order (others may come between)
     * @param stepsExactly     the whole plan: exactly these steps (ids or exact texts), in this order, and no others
     * @param escalation       checked when {@code checkEscalation}: null means no escalation
     */
    public record Expectation(String outcome, List<String> problems, List<String> problemsInclude, List<String> causes,
                              List<String> causesInclude, List<String> steps, List<String> stepsExactly, boolean checkEscalation,
                              EscalationExpectation escalation) {
    }

    /** The parts of an escalation a case names; null parts are not checked. */
    public record EscalationExpectation(String contact, String condition, Boolean now) {
    }
}
