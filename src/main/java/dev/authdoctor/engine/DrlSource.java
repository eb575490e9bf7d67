package dev.authdoctor.engine;

/** One DRL file of a pack: its name within the pack (for error messages) and its text. */
public record DrlSource(String name, String text) {
}
