package dev.authdoctor.vocabulary;

/** A rule took a text candidate as a problem: kept so the diagnosis can say how sure and from which words. */
public record TextRecognised(String problemId, TextCandidate candidate) {
}
