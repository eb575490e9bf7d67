package dev.authdoctor.testing.mutation;

/** The kinds of change made to a pack's DRL, each named as reports and {@code mutation-equivalents.yaml} name it. */
public enum Operator {
    /** {@code >} and {@code >=}, {@code <} and {@code <=}, {@code ==} and {@code !=} swapped in a condition. */
    FLIP_COMPARISON("flip-comparison"),
    /** A constraint negated, a pattern wrapped in {@code not}, or a {@code not} / {@code exists} taken away. */
    NEGATE_CONDITION("negate-condition"),
    /** A pattern (with its {@code not} or {@code exists}) left out of a rule's conditions. */
    DROP_PATTERN("drop-pattern"),
    /** One constraint left out of a pattern. */
    DROP_CONSTRAINT("drop-constraint"),
    /** A whole rule left out. */
    DELETE_RULE("delete-rule"),
    /** The order numbers of two steps of one rule (or function) exchanged. */
    SWAP_STEP_ORDER("swap-step-order"),
    /** A step's text changed. */
    CHANGE_STEP_TEXT("change-step-text"),
    /** A step given to another actor. */
    CHANGE_ACTOR("change-actor"),
    /** An escalation condition replaced by another. */
    CHANGE_ESCALATION("change-escalation-condition"),
    /** A number in a condition moved by one (the last decimal place of a decimal). */
    CHANGE_THRESHOLD("change-threshold");

    private final String label;

    Operator(String label) {
        this.label = label;
    }

    /**
     * The operator's name in reports and in the equivalents file.
     *
     * @return e.g. {@code flip-comparison}
     */
    public String label() {
        return label;
    }

    /**
     * The operator with this label.
     *
     * @param label e.g. {@code flip-comparison}
     * @return the operator
     * @throws IllegalArgumentException naming the labels known
     */
    public static Operator ofLabel(String label) {
        for (Operator o : values()) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown mutation operator \"" + label + "\" (expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(Operator::label).toList()) + ")");
    }
}
