package dev.authdoctor.incident;

import java.util.List;

/**
 * An incident built in Java breaks the incident contract. {@link #errors()} holds one message per
 * problem, field path first, worded as {@code IncidentReader} words them for JSON input:
 * {@code authenticators[0].type: is required}.
 */
public final class InvalidIncidentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public InvalidIncidentException(List<String> errors) {
        super("invalid incident: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** Every problem found, each naming its field; never empty. */
    public List<String> errors() {
        return errors;
    }
}
