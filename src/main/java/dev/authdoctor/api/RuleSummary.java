package dev.authdoctor.api;

/**
 * One loaded rule as its metadata describes it.
 *
 * @param id      its {@code @id}, or its name when it has none ({@code hasId} is then false)
 * @param name    its name: a sentence saying what it concludes
 * @param row     its {@code @row}: the seed table row or the source its knowledge comes from; null when not given
 * @param problem its {@code @problem}: the problem id it concludes about; null when not given
 * @param cause   its {@code @cause}: the cause code it names; null for a rule that names none
 * @param gap     its {@code @gap}: wording the pack's authors wrote where their source had a gap; null when none
 * @param pack    the name of the pack it comes from
 * @param file    the DRL file it is declared in, within its pack
 * @param line    where it is declared in its file, from 1; 0 when unknown
 * @param hasId   false when the rule has no {@code @id}
 */
public record RuleSummary(String id, String name, String row, String problem, String cause, String gap,
                          String pack, String file, int line, boolean hasId) {
}
