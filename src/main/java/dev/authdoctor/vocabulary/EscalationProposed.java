package dev.authdoctor.vocabulary;

import dev.authdoctor.api.EscalationCondition;

/** A problem's rule says when and to whom to hand over; the plan rules pick the most urgent. */
public record EscalationProposed(String problemId, String contact, EscalationCondition condition, String reason) {
}
