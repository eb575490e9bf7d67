package dev.authdoctor.testing.mutation;

import java.util.Comparator;
import java.util.List;

/**
 * One change to one DRL file of a pack: where it is, which rule it hits, and the text edits that make it.
 *
 * @param file   the file's name within the pack, e.g. {@code row-03-st-activation-code-expired.drl}
 * @param line   the line of the first edit, from 1
 * @param rule   the {@code @id} of the rule changed (its name when it has none), or {@code function NAME}
 * @param callers the ids of the rules the change reaches: the rule itself, or every rule calling the function changed
 * @param operator the kind of change
 * @param before what the changed text was, on one line
 * @param after  what it became, on one line; empty when it was taken away
 * @param edits  the edits, on the file's original text
 */
public record Mutant(String file, int line, String rule, List<String> callers, Operator operator, String before, String after,
                     List<Edit> edits) {

    /** Replace the characters from {@code start} (inclusive) to {@code end} (exclusive) with {@code text}. */
    public record Edit(int start, int end, String text) {
    }

    /**
     * Copies the lists, so a mutant never changes.
     *
     * @param file     the file's name within the pack
     * @param line     the line of the first edit, from 1
     * @param rule     the rule changed
     * @param callers  the rules the change reaches
     * @param operator the kind of change
     * @param before   what the changed text was
     * @param after    what it became
     * @param edits    the edits, on the file's original text
     */
    public Mutant {
        callers = List.copyOf(callers);
        edits = List.copyOf(edits);
    }

    /**
     * The change as reports show it and equivalents name it: {@code before -> after}.
     *
     * @return e.g. {@code clockSkewSeconds > $window -> clockSkewSeconds >= $window}
     */
    public String change() {
        return before + " -> " + (after.isEmpty() ? "(removed)" : after);
    }

    /**
     * The file's text with the edits made.
     *
     * @param original the file's text as read
     * @return the mutated text
     */
    public String apply(String original) {
        StringBuilder sb = new StringBuilder(original);
        // From the end backwards, so that each edit's offsets still hold.
        for (Edit e : edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed()).toList()) {
            sb.replace(e.start(), e.end(), e.text());
        }
        return sb.toString();
    }
}
