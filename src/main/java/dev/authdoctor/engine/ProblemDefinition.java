package dev.authdoctor.engine;

/** A problem a pack knows: its stable id, title and, for the built-in pack, its row in the seed table. */
public record ProblemDefinition(String id, String title, Integer row) {
}
