package dev.authdoctor.vocabulary;

/**
 * What a problem was recognised from, most specific first: an error text beats facts beats words a person
 * wrote (TEXT: recognised from a paraphrase, a translation or a description) beats a bare symptom.
 */
public enum Evidence {
    /** The product's own error text. */
    MESSAGE,
    /** Facts about the user, authenticators or settings. */
    FACTS,
    /** A person's words: a paraphrase, a translation or a description. */
    TEXT,
    /** A bare symptom. */
    SYMPTOM
}
