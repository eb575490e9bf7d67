package dev.authdoctor.vocabulary;

/** The facts rule a problem out, whatever the ticket's words say. */
public record TextContradicted(String problemId, String reason) {
}
