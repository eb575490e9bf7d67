package dev.authdoctor.vocabulary;

import java.util.List;

/**
 * What the text matcher heard about a cause: the ticket's words say why (a phone clock that is off, a resource
 * rule, a token shown inactive). A fact for the problem's own rules, which decide whether it names the cause;
 * facts known about the same thing always win.
 */
public record TextCause(String problemId, String cause, double score, List<String> terms) {
    /**
     * Copies the list, so a cause never changes.
     *
     * @param problemId the problem the cause belongs to
     * @param cause the cause code
     * @param score how sure the matcher is, from 0 to 1
     * @param terms the words that matched
     */
    public TextCause {
        terms = List.copyOf(terms);
    }
}
