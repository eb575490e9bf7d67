package dev.authdoctor.api;

/** When a problem is handed over, most urgent first. */
public enum EscalationCondition {
    IMMEDIATE(0),
    AFTER_SECOND_ATTEMPT(2),
    IF_PERSISTS(1);

    private final int attemptsNeeded;

    EscalationCondition(int attemptsNeeded) {
        this.attemptsNeeded = attemptsNeeded;
    }

    /** Whether the escalation is due once this many attempts at the steps have failed. */
    public boolean isMetAfter(int attempts) {
        return attempts >= attemptsNeeded;
    }
}
