package dev.authdoctor.vocabulary;

/**
 * What a problem was recognised from, most specific first: an error text beats facts beats words a person
 * wrote (TEXT: recognised from a paraphrase, a translation or a description) beats a bare symptom.
 */
public enum Evidence { MESSAGE, FACTS, TEXT, SYMPTOM }
