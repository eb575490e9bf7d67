package dev.authdoctor.model;

/** The authenticator the incident is about: the one marked in use, or the only one. */
public record InQuestion(Authenticator authenticator) {
}
