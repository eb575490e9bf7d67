package dev.authdoctor.api;

import java.util.List;

/**
 * Why a problem was, or was not, diagnosed for one incident ({@link Troubleshooter#whyNot}): for each rule that
 * recognises it, which of its conditions held against the incident's facts, which did not, and which unknown facts
 * would decide it; and what the ticket's words say about it.
 *
 * @param problemId the problem asked about
 * @param diagnosed whether the diagnosis names it
 * @param rules     every rule that could have recognised it
 * @param text      what the ticket's words say about it; null when the ticket has no message or description, or no
 *                  pack declares words for the problem
 */
public record WhyNotReport(String problemId, boolean diagnosed, List<RuleResult> rules, TextResult text) {

    /**
     * Copies the list, so a report never changes.
     *
     * @param problemId the problem asked about
     * @param diagnosed whether the diagnosis names it
     * @param rules     every rule that could have recognised it
     * @param text      what the ticket's words say about it; null when the ticket has no message or description, or no
     *                  pack declares words for the problem
     */
    public WhyNotReport {
        rules = List.copyOf(rules);
    }

    /** Held, not held, or undecided because a fact it needs is unknown. */
    public enum Status {
        /** The condition holds for the incident's facts. */
        HELD,
        /** The condition does not hold; {@link ConditionResult#detail()} gives the values seen. */
        NOT_HELD,
        /** A fact the condition needs is unknown; {@link ConditionResult#missing()} names it. */
        MISSING
    }

    /**
     * One condition of a rule and how it stands.
     *
     * @param condition the condition as the rule writes it, e.g. {@code UserFacts( locked == true )}
     * @param status    how it stands
     * @param detail    the values seen, when it did not hold
     * @param missing   the field paths of the unknown facts that would decide it
     */
    public record ConditionResult(String condition, Status status, String detail, List<String> missing) {
        /**
         * Copies the list, so a condition's result never changes.
         *
         * @param condition the condition as the rule writes it, e.g. {@code UserFacts( locked == true )}
         * @param status    how it stands
         * @param detail    the values seen, when it did not hold
         * @param missing   the field paths of the unknown facts that would decide it; empty unless {@code status} is
         *                  {@link Status#MISSING}
         */
        public ConditionResult {
            missing = List.copyOf(missing);
        }
    }

    /**
     * One rule that recognises the problem.
     *
     * @param ruleId     its {@code @id}
     * @param row        its {@code @row}: where its knowledge comes from
     * @param fired      whether it fired for this incident
     * @param conditions its conditions, in order
     */
    public record RuleResult(String ruleId, String row, boolean fired, List<ConditionResult> conditions) {
        /**
         * Copies the list, so a rule's result never changes.
         *
         * @param ruleId     its {@code @id}
         * @param row        its {@code @row}: where its knowledge comes from
         * @param fired      whether it fired for this incident
         * @param conditions its conditions, in order
         */
        public RuleResult {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * What the ticket's words say about the problem, and what stood in the way.
     *
     * @param best           the problem's best-scoring declared message or phrase; null when no pack declares words for it
     * @param score          the score the ticket's words reach, 0 to 1
     * @param thresholds     the pack's thresholds
     * @param vetoedBy       the pack's marker that ruled the problem out, or null
     * @param contradictedBy the fact that contradicted it, as {@code path = value}, or null
     * @param winners        the candidates the text rules took instead
     * @param firmer         a problem found from firmer evidence, with that evidence, or null
     * @param lines          all of it in words, one line each
     */
    public record TextResult(Wording best, double score, Thresholds thresholds, String vetoedBy, String contradictedBy,
                             List<Rival> winners, String firmer, List<String> lines) {
        /**
         * Copies the lists, so the text result never changes.
         *
         * @param best           the problem's best-scoring declared message or phrase; null when no pack declares words
         *                       for it
         * @param score          the score the ticket's words reach, 0 to 1
         * @param thresholds     the pack's thresholds
         * @param vetoedBy       the pack's marker that ruled the problem out, or null
         * @param contradictedBy the fact that contradicted it, as {@code path = value}, or null
         * @param winners        the candidates the text rules took instead
         * @param firmer         a problem found from firmer evidence, with that evidence, or null
         * @param lines          all of it in words, one line each
         */
        public TextResult {
            winners = List.copyOf(winners);
            lines = List.copyOf(lines);
        }
    }

    /**
     * A problem's declared message or phrase measured against the ticket's words.
     *
     * @param problemId      the problem
     * @param phrase         the message or phrase
     * @param phraseLanguage its language ({@code en}, {@code fr}, {@code de}, {@code es})
     * @param productMessage true for the product's own message, false for a phrase of the pack
     * @param where          its file and line, when known
     * @param field          the ticket's field it was read in ({@code error.message} or {@code description})
     * @param language       the language the ticket was read in
     * @param present        the phrase's words the ticket holds, with the ticket's words as written
     * @param missing        the phrase's words the ticket lacks
     * @param score          the score, 0 to 1
     * @param vetoedBy       the marker that ruled the problem out (the score is then what it would have been), or null
     * @param exactMessageOf the problem whose own message the ticket's message is, word for word, or null
     */
    public record Wording(String problemId, String phrase, String phraseLanguage, boolean productMessage, String where,
                          String field, String language, List<Term> present, List<String> missing, double score,
                          String vetoedBy, String exactMessageOf) {
        /**
         * Copies the lists, so a wording never changes.
         *
         * @param problemId      the problem
         * @param phrase         the message or phrase
         * @param phraseLanguage its language ({@code en}, {@code fr}, {@code de}, {@code es})
         * @param productMessage true for the product's own message, false for a phrase of the pack
         * @param where          its file and line, when known
         * @param field          the ticket's field it was read in ({@code error.message} or {@code description})
         * @param language       the language the ticket was read in
         * @param present        the phrase's words the ticket holds, with the ticket's words as written
         * @param missing        the phrase's words the ticket lacks
         * @param score          the score, 0 to 1
         * @param vetoedBy       the marker that ruled the problem out (the score is then what it would have been), or
         *                       null
         * @param exactMessageOf the problem whose own message the ticket's message is, word for word, or null
         */
        public Wording {
            present = List.copyOf(present);
            missing = List.copyOf(missing);
        }
    }

    /**
     * A word of a declared message or phrase.
     *
     * @param word    as the phrase writes it
     * @param written the ticket's words that matched it, as the person wrote them
     * @param exact   false for a near spelling or a split or joined word
     */
    public record Term(String word, String written, boolean exact) {
    }

    /**
     * The pack's thresholds for words ({@code pack.properties}: {@code text.confident}, {@code text.minimum},
     * {@code text.margin}).
     *
     * @param confident a candidate at or above it, and far enough ahead, is the problem
     * @param minimum   below it a candidate gives nothing
     * @param margin    how far ahead of every other candidate a confident one must be
     */
    public record Thresholds(double confident, double minimum, double margin) {
    }

    /**
     * A candidate the text rules took instead.
     *
     * @param problemId the problem it names
     * @param score     its score
     * @param ahead     by how much it was ahead of the problem asked about
     */
    public record Rival(String problemId, double score, double ahead) {
    }
}
