package dev.authdoctor.model;

/** What is known about the activation e-mail. */
public record ActivationEmail(Boolean sent, Boolean delivered, Boolean inSpamFolder) {
}
