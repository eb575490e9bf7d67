package dev.authdoctor.vocabulary;

/** Who the organisation hands problems to; one per session, set by whoever embeds the rules. */
public record Organisation(String supportContact) {
}
