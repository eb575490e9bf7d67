package dev.authdoctor.vocabulary;

import dev.authdoctor.incident.AuthenticatorFacts;

/** The authenticator the incident is about: the one marked in use, or the only one. */
public record InQuestion(AuthenticatorFacts authenticator) {
}
