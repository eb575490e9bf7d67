package dev.authdoctor.engine;

/**
 * What a rule's metadata says about it: {@code @id}, {@code @row} (seed table row), {@code @problem},
 * {@code @cause} (the cause code it names, if any) and {@code @gap}, the reviewer's marker for wording
 * written where the seed text has a gap; and where it comes from: its pack and file.
 *
 * @param line   where the rule is declared in its file, from 1; 0 when unknown
 * @param hasId  false when the rule has no {@code @id} and {@code id} is only its name
 */
public record RuleInfo(String id, String name, String row, String problem, String cause, String gap,
                       String pack, String file, int line, boolean hasId) {
}
