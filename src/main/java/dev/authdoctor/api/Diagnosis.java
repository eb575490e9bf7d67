package dev.authdoctor.api;

import java.util.List;
import java.util.Optional;

/**
 * What authdoctor says about one incident, shaped like {@code diagnosis.schema.json}: the problems
 * recognised (most specific first), the remediation plan in the order to carry it out, and the
 * escalation, if any. {@code errors} is non-empty only for {@link Outcome#REJECTED}. {@code rulePacks} names
 * the rule packs (name and version) that produced it; {@code firedRules} is the ids of every rule that
 * fired, in firing order (for rule coverage and explanations; not part of the JSON output).
 */
public record Diagnosis(String incidentId, Outcome outcome, List<Problem> problems, List<Step> steps,
                        Escalation escalation, List<String> errors, List<String> rulePacks, List<String> firedRules) {

    /** What became of the incident. */
    public enum Outcome {
        /** At least one problem was recognised. */
        DIAGNOSED,
        /** Valid input that no rule recognised. */
        NO_MATCH,
        /** Input that is not a valid incident; {@code errors} say why. */
        REJECTED
    }

    /**
     * A recognised problem: its catalog id, title, the cause codes the facts named (row 9's
     * {@code CLOCK_DRIFT}, ...) and the ids of the rules that recognised it or named a cause.
     */
    public record Problem(String id, String title, List<String> causes, List<String> rules, List<Explanation> explanations,
                          TextEvidence text) {
        /**
         * Copies the lists, so a problem never changes.
         *
         * @param id the problem's catalog id
         * @param title the problem's title
         * @param causes the cause codes the facts named
         * @param rules the ids of the rules that recognised it or named a cause
         * @param explanations why, when the diagnosis was asked to explain itself; else empty
         * @param text how it was heard in the ticket's words; null unless its evidence is TEXT
         */
        public Problem {
            causes = List.copyOf(causes);
            rules = List.copyOf(rules);
            explanations = List.copyOf(explanations);
        }

        /**
         * A problem recognised from facts or exact messages, not from a ticket's words.
         *
         * @param id the problem's catalog id
         * @param title the problem's title
         * @param causes the cause codes the facts named
         * @param rules the ids of the rules that recognised it or named a cause
         * @param explanations why, when the diagnosis was asked to explain itself; else empty
         */
        public Problem(String id, String title, List<String> causes, List<String> rules, List<Explanation> explanations) {
            this(id, title, causes, rules, explanations, null);
        }

        /**
         * A problem recognised from facts or exact messages, without explanations.
         *
         * @param id the problem's catalog id
         * @param title the problem's title
         * @param causes the cause codes the facts named
         * @param rules the ids of the rules that recognised it or named a cause
         */
        public Problem(String id, String title, List<String> causes, List<String> rules) {
            this(id, title, causes, rules, List.of());
        }
    }

    /**
     * A problem heard in the ticket's words rather than read from the product's exact message, facts or a
     * symptom (evidence TEXT): how sure the matcher was (0..1), from which field, the words that matched and
     * the language the ticket was read in.
     */
    public record TextEvidence(double confidence, String field, List<String> matchedTerms, String language) {
        /**
         * Copies the list, so the evidence never changes.
         *
         * @param confidence how sure the matcher was, from 0 to 1
         * @param field the incident field the words were in, e.g. {@code description}
         * @param matchedTerms the words that matched
         * @param language the language the ticket was read in, e.g. {@code en}
         */
        public TextEvidence {
            matchedTerms = List.copyOf(matchedTerms);
        }
    }

    /**
     * One step of the plan, numbered from 1; {@code id} is the step's stable id within its rule pack.
     * {@code explanation} is null unless the diagnosis was asked to explain itself.
     */
    public record Step(int order, String id, Actor actor, String text, String problemId, Explanation explanation) {
        /**
         * A step without an explanation.
         *
         * @param order its place in the plan, from 1
         * @param id its stable id within its rule pack
         * @param actor who carries it out
         * @param text what to do
         * @param problemId the problem it remedies
         */
        public Step(int order, String id, Actor actor, String text, String problemId) {
            this(order, id, actor, text, problemId, null);
        }
    }

    /** Why: the rule that concluded, the source row it encodes, and the facts that made it fire, as field paths with values. */
    public record Explanation(String rule, String row, List<String> because) {
        /**
         * Copies the list, so the explanation never changes.
         *
         * @param rule the id of the rule that concluded
         * @param row the source row it encodes, or null
         * @param because the facts that made it fire, as {@code field.path = value}
         */
        public Explanation {
            because = List.copyOf(because);
        }
    }

    /**
     * Whom to hand over to and when: {@code contact} is the support address in force, or the literal
     * {@code SUPER_ADMINISTRATOR} (as the JSON output writes it); {@code now} is true when the facts already meet the
     * condition. In Java, {@link #recipient()} and {@link #address()} say the same without comparing strings.
     */
    public record Escalation(String contact, EscalationCondition condition, boolean now, String reason) {

        /** Who takes the problem over. */
        public enum Recipient {
            /** A help desk, at {@link #address()}: the pack's or the organisation's support contact, else Entrust support. */
            SUPPORT,
            /** The organisation's super administrator: the problem is one only they can solve; there is no address. */
            SUPER_ADMINISTRATOR
        }

        /**
         * Who takes the problem over, read from {@code contact} so callers need not compare it with
         * {@code SUPER_ADMINISTRATOR} themselves.
         *
         * @return {@link Recipient#SUPER_ADMINISTRATOR} when {@code contact} is that literal, else {@link Recipient#SUPPORT}
         */
        public Recipient recipient() {
            return Actor.SUPER_ADMINISTRATOR.name().equals(contact) ? Recipient.SUPER_ADMINISTRATOR : Recipient.SUPPORT;
        }

        /**
         * The support address to hand over to.
         *
         * @return {@code contact} when the recipient is {@link Recipient#SUPPORT}; empty when it is the super
         *         administrator, who has no address
         */
        public Optional<String> address() {
            return recipient() == Recipient.SUPPORT ? Optional.ofNullable(contact) : Optional.empty();
        }
    }

    /**
     * Copies the lists, so a diagnosis never changes.
     *
     * @param incidentId the incident's id
     * @param outcome diagnosed, no match or rejected
     * @param problems the problems recognised, most specific first
     * @param steps the plan, in the order to carry it out
     * @param escalation whom to hand over to and when; null when there is no escalation
     * @param errors why the input is not a valid incident; empty unless rejected
     * @param rulePacks the rule packs that produced it, by name and version
     * @param firedRules the ids of the rules that fired, in firing order
     */
    public Diagnosis {
        problems = List.copyOf(problems);
        steps = List.copyOf(steps);
        errors = List.copyOf(errors);
        rulePacks = List.copyOf(rulePacks);
        firedRules = List.copyOf(firedRules);
    }

    /**
     * The answer for input that is not a valid incident.
     *
     * @param incidentId the incident's id when one could be read, else null
     * @param errors why it is not a valid incident, each naming its field; at least one
     * @return a diagnosis with outcome {@link Outcome#REJECTED}
     * @throws IllegalArgumentException when {@code errors} is empty
     */
    public static Diagnosis rejected(String incidentId, List<String> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one reason");
        }
        return new Diagnosis(incidentId, Outcome.REJECTED, List.of(), List.of(), null, errors, List.of(), List.of());
    }

    /**
     * The problem ids, in the diagnosis's order.
     *
     * @return the ids of the problems recognised
     */
    public List<String> problemIds() {
        return problems.stream().map(Problem::id).toList();
    }
}
