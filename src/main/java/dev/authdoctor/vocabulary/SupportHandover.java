package dev.authdoctor.vocabulary;

import dev.authdoctor.api.EscalationCondition;

/**
 * A problem hands over to the organisation's support when {@code condition} is met. The plan rules turn
 * it into the last step of the plan and an escalation; {@code {support}} in the step text becomes the
 * support contact in force.
 */
public record SupportHandover(String problemId, EscalationCondition condition, String stepText, String reason) {

    public static final String SUPPORT = "{support}";

    public String stepTextFor(String supportContact) {
        return stepText.replace(SUPPORT, supportContact);
    }
}
