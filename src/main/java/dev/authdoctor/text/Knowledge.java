package dev.authdoctor.text;

import java.util.List;

/**
 * What a rule pack teaches the matcher about people's words: for each problem the product's messages and the
 * phrases people use (each with its language), the near-miss markers that rule the problem out, markers that
 * rule every problem out (off-topic), and synonyms in Solr's format.
 */
public record Knowledge(List<ProblemWords> problems, List<String> offTopic, String synonyms) {

    public static final Knowledge EMPTY = new Knowledge(List.of(), List.of(), "");

    public Knowledge {
        problems = List.copyOf(problems);
        offTopic = List.copyOf(offTopic);
        synonyms = synonyms == null ? "" : synonyms;
    }

    /**
     * One problem's words. {@code where} names the file it came from, for error messages; {@code causes} holds, by
     * cause code, the phrases that say why.
     */
    public record ProblemWords(String problemId, List<Phrase> messages, List<Phrase> phrases, List<String> not, String where,
                               java.util.Map<String, List<Phrase>> causes, List<String> allowed) {
        public ProblemWords {
            messages = List.copyOf(messages);
            phrases = List.copyOf(phrases);
            not = List.copyOf(not);
            causes = causes == null ? java.util.Map.of() : java.util.Map.copyOf(causes);
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }

        public ProblemWords(String problemId, List<Phrase> messages, List<Phrase> phrases, List<String> not, String where,
                            java.util.Map<String, List<Phrase>> causes) {
            this(problemId, messages, phrases, not, where, causes, List.of());
        }

        public ProblemWords(String problemId, List<Phrase> messages, List<Phrase> phrases, List<String> not, String where) {
            this(problemId, messages, phrases, not, where, java.util.Map.of(), List.of());
        }
    }

    /** A text in a language ({@code en}, {@code fr}, {@code de}, {@code es}); {@code line} is where it was written, 0 if unknown. */
    public record Phrase(Language language, String text, int line) {
    }

    /**
     * Several packs' knowledge as one: problems of later packs add to earlier ones; synonyms are concatenated. A pack's
     * off-topic markers are off-topic for that pack's problems only (the built-in pack's "vpn" must not silence a
     * pack about a VPN), so they become near-miss markers of each of its problems, less those a problem lists as
     * {@code allowed} (part of its own story: the guest Wi-Fi of a smart credential that cannot reach the service).
     */
    public static Knowledge merge(List<Knowledge> parts) {
        List<ProblemWords> problems = new java.util.ArrayList<>();
        StringBuilder synonyms = new StringBuilder();
        for (Knowledge k : parts) {
            for (ProblemWords p : k.problems()) {
                List<String> not = new java.util.ArrayList<>(p.not());
                k.offTopic().stream().filter(marker -> !p.allowed().contains(marker)).forEach(not::add);
                problems.add(new ProblemWords(p.problemId(), p.messages(), p.phrases(), not, p.where(), p.causes(), p.allowed()));
            }
            synonyms.append(k.synonyms()).append('\n');
        }
        return new Knowledge(problems, List.of(), synonyms.toString());
    }
}
