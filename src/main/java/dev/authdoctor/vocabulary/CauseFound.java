package dev.authdoctor.vocabulary;

/** A rule named the cause of a problem from the facts, e.g. {@code CLOCK_DRIFT} for token-not-working. */
public record CauseFound(String problemId, String cause) {
}
