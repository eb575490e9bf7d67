package dev.authdoctor.vocabulary;

/** A rule recognised a problem of the catalog (or of a rule pack) in the incident. */
public record ProblemFound(String problemId, Evidence evidence) {
}
