package dev.authdoctor.engine;

/**
 * What a rule's metadata says about it: {@code @id}, {@code @row} (seed table row), {@code @problem}
 * and {@code @gap}, the reviewer's marker for wording written where the seed text has a gap.
 */
public record RuleInfo(String id, String name, String row, String problem, String gap) {
}
