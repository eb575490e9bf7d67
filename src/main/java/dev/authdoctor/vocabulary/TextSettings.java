package dev.authdoctor.vocabulary;

/**
 * The pack's thresholds for text candidates ({@code pack.properties}: {@code text.confident},
 * {@code text.minimum}, {@code text.margin}): a candidate at or above {@code confident} and more than
 * {@code margin} ahead of every other candidate of at least {@code minimum} is the problem; candidates
 * within the margin of each other are all proposed; below {@code minimum} a candidate gives nothing.
 */
public record TextSettings(double confident, double minimum, double margin) {
    /** The thresholds a pack gets unless it sets its own. */
    public static final TextSettings DEFAULTS = new TextSettings(0.75, 0.6, 0.12);
}
