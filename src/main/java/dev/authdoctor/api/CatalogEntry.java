package dev.authdoctor.api;

import java.util.List;

/**
 * One problem as the loaded rule packs state it, in the seed table's form: what it is, the causes the
 * rules can name, the plan when nothing else is known, the escalation, and the reviewers' gap notes.
 *
 * @param row  the seed table row, or null for a pack's own problem
 * @param gaps wording the pack's authors wrote where their source had a gap (rule {@code @gap})
 */
public record CatalogEntry(String problemId, String title, Integer row, String pack, List<String> causes,
                           List<Diagnosis.Step> steps, Diagnosis.Escalation escalation, List<String> rules,
                           List<String> gaps) {
}
