package dev.authdoctor.vocabulary;

import java.util.List;

/**
 * What the text matcher heard in a ticket's words: a problem it may be, how sure (0..1), from which field
 * ({@code error.message}, {@code description}, or both), the words that matched, and the language the
 * ticket was read in. A fact for the rules; the rules decide what it is worth.
 */
public record TextCandidate(String problemId, double score, String field, List<String> terms, String language) {
    /**
     * Copies the list, so a candidate never changes.
     *
     * @param problemId the problem it may be
     * @param score how sure the matcher is, from 0 to 1
     * @param field the field the words were in
     * @param terms the words that matched
     * @param language the language the ticket was read in
     */
    public TextCandidate {
        terms = List.copyOf(terms);
    }
}
