package dev.authdoctor.vocabulary;

/** The facts point to this step: it goes first among its problem's steps. */
public record LikelyStep(String stepId, String because) {
}
