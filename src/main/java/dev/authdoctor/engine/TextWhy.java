package dev.authdoctor.engine;

import dev.authdoctor.incident.Incident;
import dev.authdoctor.text.TextMatcher;
import dev.authdoctor.vocabulary.TextCandidate;
import dev.authdoctor.vocabulary.TextContradicted;
import dev.authdoctor.vocabulary.TextSettings;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Says in words why a ticket's words did or did not make a problem: which words matched (as the person wrote
 * them), in which field and language, the pack's phrase they matched, the score against the pack's thresholds,
 * and the other candidates: close ones, contradicted ones, and those a marker ruled out. Shared by the
 * explanations of the text rules and by why-not.
 */
final class TextWhy {

    private TextWhy() {
    }

    /** The explanation of a text rule that fired for candidate {@code c}. */
    static List<String> heard(TextCandidate c, TextSettings s, Incident incident, Explainer.TextContext ctx) {
        List<String> out = new ArrayList<>();
        TextMatcher.Explanation x = ctx.matcher() == null ? null : ctx.matcher().explain(c.problemId(), message(incident), description(incident));
        String words = x == null || x.present().isEmpty()
                ? String.join(", ", c.terms().stream().map(t -> "\"" + t + "\"").toList())
                : terms(x.present());
        out.add("words heard in " + c.field() + ", read as " + language(c.language()) + ": " + words);
        if (x != null) {
            out.add("they match " + phrase(x) + (x.missing().isEmpty() ? "" : "; the ticket lacks " + quoted(x.missing())));
        }
        out.add("score " + num(c.score()) + " against the pack's thresholds: " + against(c.score(), s));
        Collection<?> facts = ctx.facts().get();
        Map<String, String> contradicted = contradictions(facts);
        List<TextCandidate> close = new ArrayList<>();
        TextCandidate next = null;
        for (Object f : facts) {
            if (!(f instanceof TextCandidate o) || o.problemId().equals(c.problemId())) {
                continue;
            }
            if (contradicted.containsKey(o.problemId())) {
                out.add("candidate " + o.problemId() + " (" + num(o.score()) + ") set aside: the facts contradict it ("
                        + contradicted.get(o.problemId()) + ")");
            } else if (o.score() >= s.minimum() && Math.abs(o.score() - c.score()) < s.margin()) {
                close.add(o);
            } else if (o.score() >= s.minimum() && (next == null || o.score() > next.score())) {
                next = o;
            }
        }
        for (TextCandidate o : close) {
            out.add("close to " + o.problemId() + " at " + num(o.score()) + ": the difference " + num(Math.abs(c.score() - o.score()))
                    + " is under the margin " + num(s.margin()) + ", so both are proposed, neither picked");
        }
        if (close.isEmpty()) {
            out.add(next == null ? "no other candidate that the facts leave standing reached the minimum " + num(s.minimum())
                    : "ahead of the next candidate, " + next.problemId() + " at " + num(next.score()) + ", by "
                    + num(c.score() - next.score()) + " (the margin is " + num(s.margin()) + ")");
        }
        if (ctx.matcher() != null) {
            Map<String, String> vetoed = ctx.matcher().match(message(incident), description(incident)).vetoed();
            for (Map.Entry<String, String> v : new java.util.TreeMap<>(vetoed).entrySet()) {
                TextMatcher.Explanation would = ctx.matcher().explain(v.getKey(), message(incident), description(incident));
                // only the problems the words would have pointed to: a marker rules out many problems no word was about
                if (would != null && would.score() >= s.minimum()) {
                    out.add("candidate " + v.getKey() + " (would score " + num(would.score()) + ") ruled out by the pack's marker \""
                            + v.getValue() + "\"");
                }
            }
        }
        return out;
    }

    /** Each problem the facts ruled out, with why (the first reason given). */
    static Map<String, String> contradictions(Collection<?> facts) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object f : facts) {
            if (f instanceof TextContradicted t) {
                out.putIfAbsent(t.problemId(), t.reason());
            }
        }
        return out;
    }

    /** The score's place among the thresholds, e.g. {@code at or above confident 0.75 (minimum 0.6, margin 0.12)}. */
    static String against(double score, TextSettings s) {
        String where = score >= s.confident() ? "at or above confident " + num(s.confident())
                : score >= s.minimum() ? "below confident " + num(s.confident()) + ", at or above minimum " + num(s.minimum())
                : "below minimum " + num(s.minimum()) + " (confident is " + num(s.confident()) + ")";
        return where + (score >= s.minimum() && score < s.confident() ? " (margin " + num(s.margin()) + ")"
                : score >= s.confident() ? " (minimum " + num(s.minimum()) + ", margin " + num(s.margin()) + ")" : "");
    }

    /** {@code the pack's phrase (fr) "le code d'activation a expiré" at builtin/row-03-....yaml:19}. */
    static String phrase(TextMatcher.Explanation x) {
        return "the pack's " + (x.productMessage() ? "product message" : "phrase") + " (" + x.phraseLanguage() + ") \"" + x.phrase() + "\""
                + (x.where() == null ? "" : " at " + x.where());
    }

    /** Matched words as written, with the phrase's word when it differs: {@code "activaton" (near "activation")}. */
    static String terms(List<TextMatcher.Term> terms) {
        List<String> out = new ArrayList<>();
        for (TextMatcher.Term t : terms) {
            String w = "\"" + t.written() + "\"";
            if (!t.exact()) {
                w += " (near \"" + t.word() + "\")";
            } else if (!fold(t.written()).equals(fold(t.word()))) {
                w += " (as \"" + t.word() + "\")";
            }
            out.add(w);
        }
        return String.join(", ", out);
    }

    static String quoted(List<String> words) {
        return String.join(", ", words.stream().map(w -> "\"" + w + "\"").toList());
    }

    static String language(String code) {
        if (code == null) {
            return "an unknown language";
        }
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return (name.isEmpty() ? code : name) + " (" + code + ")";
    }

    static String num(double d) {
        return String.valueOf(Math.round(d * 1000) / 1000.0);
    }

    static String message(Incident incident) {
        return incident == null || incident.error() == null ? null : incident.error().message();
    }

    static String description(Incident incident) {
        return incident == null ? null : incident.description();
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
