package dev.authdoctor.api;

import java.util.List;

/** A rule pack that cannot be loaded or compiled; {@link #problems()} name file and line where Drools gives them. */
public class RulePackException extends RuntimeException {

    private final List<String> problems;

    public RulePackException(String message, List<String> problems) {
        super(problems.isEmpty() ? message : message + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public RulePackException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.problems = List.of(message + ": " + cause.getMessage());
    }

    public List<String> problems() {
        return problems;
    }
}
