package dev.authdoctor.api;

/** When a problem is handed over, most urgent first. */
public enum EscalationCondition {
    /** Hand over now. */
    IMMEDIATE(0),
    /** Hand over if the steps fail a second time. */
    AFTER_SECOND_ATTEMPT(2),
    /** Hand over if the problem persists after the steps. */
    IF_PERSISTS(1);

    private final int attemptsNeeded;

    EscalationCondition(int attemptsNeeded) {
        this.attemptsNeeded = attemptsNeeded;
    }

    /**
     * Whether the escalation is due once this many attempts at the steps have failed.
     *
     * @param attempts how many times the steps were completed without success
     * @return true when the hand-over is due
     */
    public boolean isMetAfter(int attempts) {
        return attempts >= attemptsNeeded;
    }
}
