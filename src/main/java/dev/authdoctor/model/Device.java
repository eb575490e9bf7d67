package dev.authdoctor.model;

/** The user's mobile device. {@code clockSkewSeconds} is device clock minus carrier/server clock. */
public record Device(Integer clockSkewSeconds, Network network) {
}
