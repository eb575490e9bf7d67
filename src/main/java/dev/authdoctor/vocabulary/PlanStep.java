package dev.authdoctor.vocabulary;

import dev.authdoctor.api.Actor;

/**
 * One step a rule put into the plan. {@code id} is stable and names the step across problems (the same id
 * twice is one step); {@code seq} orders steps within one solution, as the table lists them.
 */
public record PlanStep(String problemId, String id, int seq, Actor actor, String text) {

    /**
     * Checks that the step has an actor.
     *
     * @param problemId the problem the step belongs to
     * @param id the step's stable id
     * @param seq its place within its solution
     * @param actor who carries it out; required
     * @param text what to do
     * @throws IllegalArgumentException when {@code actor} is null
     */
    public PlanStep {
        if (actor == null) {
            throw new IllegalArgumentException("plan step " + id + " has no actor");
        }
    }
}
