package dev.authdoctor.vocabulary;

/** An error text was recognised as the message of a known problem. */
public record RecognisedMessage(String problemId) {
}
