package dev.authdoctor.incident;

import java.util.List;

/**
 * An incident built in Java breaks the incident contract. {@link #errors()} holds one message per
 * problem, field path first, worded as {@code IncidentReader} words them for JSON input:
 * {@code authenticators[0].type: is required}.
 */
public final class InvalidIncidentException extends IllegalArgumentException {

    /** Serial form version. */
    private static final long serialVersionUID = 1L;

    /** Every problem found, each naming its field. */
    private final List<String> errors;

    /**
     * An incident that breaks the contract.
     *
     * @param errors every problem found, each naming its field
     */
    public InvalidIncidentException(List<String> errors) {
        super("invalid incident: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /**
     * Every problem found, each naming its field; never empty.
     *
     * @return the errors, each naming its field
     */
    public List<String> errors() {
        return errors;
    }
}
