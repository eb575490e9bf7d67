package dev.authdoctor.model;

/** How the IDaaS account or portal was reached. */
public record Service(Network network) {
}
