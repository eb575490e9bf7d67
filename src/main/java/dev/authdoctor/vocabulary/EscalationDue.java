package dev.authdoctor.vocabulary;

import dev.authdoctor.api.EscalationCondition;

/** An escalation with {@code now} worked out from the attempts already made. */
public record EscalationDue(String problemId, String contact, EscalationCondition condition, boolean now, String reason) {

    /**
     * Lower is more urgent: IMMEDIATE before AFTER_SECOND_ATTEMPT before IF_PERSISTS, due now before not yet.
     *
     * @return the urgency, from 0
     */
    public int urgency() {
        return condition.ordinal() * 2 + (now ? 0 : 1);
    }

    /**
     * Orders escalations: more urgent first, then by problem id and contact, so that exactly one survives
     * whatever order the rules fire in. Two with the same rank are the same escalation.
     *
     * @return the rank, comparable as a string within one urgency
     */
    public String getRank() {
        return urgency() + "|" + problemId + "|" + contact + "|" + condition;
    }
}
