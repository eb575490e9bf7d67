/**
 * Public for rule pack authors: the rules' working vocabulary, what DRL inserts and matches besides the incident's
 * facts ({@link dev.authdoctor.vocabulary.ProblemFound}, {@link dev.authdoctor.vocabulary.CauseFound},
 * {@link dev.authdoctor.vocabulary.SolutionNeeded}, {@link dev.authdoctor.vocabulary.SupportHandover},
 * {@link dev.authdoctor.vocabulary.ErrorText}, ...). A pack imports {@code dev.authdoctor.incident.*} and
 * {@code dev.authdoctor.vocabulary.*}. An application that only diagnoses never needs these types.
 */
package dev.authdoctor.vocabulary;
