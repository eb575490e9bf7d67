package dev.authdoctor.api;

import java.util.List;

/** A rule pack that cannot be loaded or compiled; {@link #problems()} name file and line where Drools gives them. */
public class RulePackException extends RuntimeException {

    /** Each problem found, one per entry; kept apart from the message so callers can list them without parsing it. */
    private final List<String> problems;

    /**
     * A pack refused for the problems found in it; the message lists them, one per line, after its own words.
     *
     * @param message  what failed, e.g. {@code the rules do not compile}
     * @param problems each problem found, naming file and line where known; may be empty when the message says it all
     */
    public RulePackException(String message, List<String> problems) {
        super(problems.isEmpty() ? message : message + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * A pack that could not be read or used because of an underlying failure, most often an I/O error.
     *
     * @param message what failed, e.g. {@code cannot read rule pack DIR}
     * @param cause   the failure; its message is appended to {@code message}
     */
    public RulePackException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.problems = List.of(message + ": " + cause.getMessage());
    }

    /**
     * The problems found, for callers that show or test them one by one.
     *
     * @return the problems, one per entry; never null, and for a failure with a cause, that failure as the one entry
     */
    public List<String> problems() {
        return problems;
    }
}
