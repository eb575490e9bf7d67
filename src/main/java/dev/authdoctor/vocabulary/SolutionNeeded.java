package dev.authdoctor.vocabulary;

import dev.authdoctor.api.Actor;

/**
 * Asks for the solution steps of {@code solutionId} (a problem id) on behalf of {@code forProblemId},
 * placed after position {@code after} of that problem's own steps. This is how one row reuses another
 * row's solution instead of copying it.
 */
public record SolutionNeeded(String solutionId, String forProblemId, int after) {

    /**
     * A problem's own solution, at the start of its plan.
     *
     * @param problemId the problem's id
     * @return the request for its steps
     */
    public static SolutionNeeded own(String problemId) {
        return new SolutionNeeded(problemId, problemId, 0);
    }

    /**
     * A step of this solution, for the problem that asked for it; its id is {@code solutionId/name}.
     *
     * @param name the step's name within the solution
     * @param seq its place within the solution, from 1
     * @param actor who carries it out
     * @param text what to do
     * @return the step
     */
    public PlanStep step(String name, int seq, Actor actor, String text) {
        return new PlanStep(forProblemId, solutionId + "/" + name, after + seq, actor, text);
    }
}
