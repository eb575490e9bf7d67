package dev.authdoctor.model;

/** What a problem was recognised from, most specific first: an error text beats facts beats a bare symptom. */
public enum Evidence { MESSAGE, FACTS, SYMPTOM }
