package dev.authdoctor.engine;

import dev.authdoctor.incident.Incident;
import dev.authdoctor.text.TextMatcher;
import dev.authdoctor.vocabulary.Evidence;
import dev.authdoctor.vocabulary.ProblemFound;
import dev.authdoctor.vocabulary.SolutionNeeded;
import dev.authdoctor.vocabulary.TextCandidate;
import dev.authdoctor.vocabulary.TextRecognised;
import dev.authdoctor.vocabulary.TextSettings;
import org.mvel2.MVEL;
import org.mvel2.ParserConfiguration;
import org.mvel2.ParserContext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Why a problem was (not) diagnosed: for each rule that recognises it, which of its conditions held against
 * the incident's facts, which did not, and which facts are missing that would decide it. Conditions are
 * evaluated one by one, as written, against the facts the rules saw (derived facts included).
 */
public final class WhyNot {

    /** Held, not held, or undecided because a fact it needs is unknown. */
    public enum Status { HELD, NOT_HELD, MISSING }

    /** One condition of a rule and how it stands; {@code missing} names the unknown facts that would decide it. */
    public record ConditionResult(String condition, Status status, String detail, List<String> missing) {
    }

    /** One recognising rule: whether it fired, and its conditions. */
    public record RuleResult(String ruleId, String row, boolean fired, List<ConditionResult> conditions) {
    }

    /**
     * The answer: whether the problem was diagnosed, every rule that could have recognised it, and what the ticket's
     * words say about it ({@code text}; null when the ticket has no message or description, or no pack declares words).
     */
    public record Report(String problemId, boolean diagnosed, List<RuleResult> rules, TextResult text) {
        public Report(String problemId, boolean diagnosed, List<RuleResult> rules) {
            this(problemId, diagnosed, rules, null);
        }
    }

    /**
     * What the ticket's words say about the problem: its best-scoring declared message or phrase, with the words of it
     * the ticket holds and lacks ({@code best}; null when no pack declares words for it), the score reached and the
     * pack's thresholds, and what stood in the way: the marker that vetoed it, the fact that contradicted it, the
     * candidates the text rules took instead ({@code winners}), or a problem found from firmer evidence ({@code firmer}).
     * {@code lines} says it all in words.
     */
    public record TextResult(TextMatcher.Explanation best, double score, TextSettings thresholds, String vetoedBy,
                             String contradictedBy, List<Rival> winners, String firmer, List<String> lines) {
        public TextResult {
            winners = List.copyOf(winners);
            lines = List.copyOf(lines);
        }
    }

    /** A candidate the text rules took, its score, and by how much it was ahead. */
    public record Rival(String problemId, double score, double ahead) {
    }

    /** Conditions that call a method name the contract field the method reads. */
    private static final Map<String, String> ALIASES = Map.of(
            "administrator", "role", "hasNoAuthenticators()", "authenticators", "canAuthenticate()", "state", "token", "type");
    private static final Map<String, Serializable> COMPILED = new ConcurrentHashMap<>();

    private WhyNot() {
    }

    static Report analyse(RuleBase base, String problemId, Incident incident, List<Object> facts, List<String> fired) {
        boolean diagnosed = facts.stream().anyMatch(f -> f instanceof ProblemFound p && p.problemId().equals(problemId));
        List<RuleResult> rules = new ArrayList<>();
        for (RuleInfo r : base.rules()) {
            if (!problemId.equals(r.problem())) {
                continue;
            }
            List<RuleConditions.Condition> conditions = base.conditions(r.id());
            // Only the rules that find the problem: not its causes, solution, escalation or derived facts.
            boolean recognises = base.ruleText(r).contains("new ProblemFound(\"" + problemId + "\"")
                    && conditions.stream().noneMatch(c -> c.type() == ProblemFound.class || c.type() == SolutionNeeded.class);
            if (!recognises) {
                continue;
            }
            rules.add(new RuleResult(r.id(), r.row(), fired.contains(r.id()), evaluate(conditions, facts)));
        }
        return new Report(problemId, diagnosed, rules, text(base, problemId, incident, facts, diagnosed));
    }

    private static TextResult text(RuleBase base, String problemId, Incident incident, List<Object> facts, boolean diagnosed) {
        TextMatcher matcher = base.textMatcher();
        String message = TextWhy.message(incident);
        String description = TextWhy.description(incident);
        if (matcher == null || ((message == null || message.isBlank()) && (description == null || description.isBlank()))) {
            return null;
        }
        TextSettings s = facts.stream().filter(TextSettings.class::isInstance).map(TextSettings.class::cast).findFirst()
                .orElse(base.packs().isEmpty() ? TextSettings.DEFAULTS : base.packs().get(0).textSettings());
        List<String> lines = new ArrayList<>();
        TextMatcher.Explanation x = matcher.explain(problemId, message, description);
        if (x == null) {
            lines.add("no loaded pack declares a message or phrase for " + problemId + ": it cannot be heard in words");
            return new TextResult(null, 0, s, null, null, List.of(), null, lines);
        }
        double score = facts.stream().filter(f -> f instanceof TextCandidate c && c.problemId().equals(problemId))
                .mapToDouble(f -> ((TextCandidate) f).score()).max().orElse(x.score());
        lines.add("closest declared wording: " + TextWhy.phrase(x) + ", read in " + x.field() + " as " + TextWhy.language(x.language()));
        lines.add(x.present().isEmpty() ? "none of its words is in the ticket" : "words the ticket holds: " + TextWhy.terms(x.present()));
        if (!x.missing().isEmpty()) {
            lines.add("words it lacks: " + TextWhy.quoted(x.missing()));
        }
        if (x.exactMessageOf() != null && !x.exactMessageOf().equals(problemId)) {
            lines.add("the message is, word for word, the product message of " + x.exactMessageOf() + ": no other problem is heard in it");
        } else {
            lines.add((x.vetoedBy() != null ? "score it would have had: " : "score ") + TextWhy.num(score) + ": " + TextWhy.against(score, s)
                    + (score == 0 && !x.present().isEmpty() ? "; a wording counts only when at least two of its words match" : ""));
        }
        if (x.vetoedBy() != null) {
            lines.add("ruled out by the pack's marker \"" + x.vetoedBy() + "\" (its near-miss and off-topic words): "
                    + "with it in the ticket, no wording of " + problemId + " counts");
        }
        String contradicted = TextWhy.contradictions(facts).get(problemId);
        if (contradicted != null) {
            lines.add("contradicted by the facts: " + contradicted + ", whatever the words say");
        }
        String firmer = facts.stream().filter(f -> f instanceof ProblemFound p && p.evidence() != Evidence.TEXT && !p.problemId().equals(problemId))
                .map(f -> ((ProblemFound) f).problemId() + " (from " + ((ProblemFound) f).evidence().name().toLowerCase(java.util.Locale.ROOT) + ")")
                .sorted().findFirst().orElse(null);
        List<Rival> winners = new ArrayList<>();
        for (Object f : facts) {
            if (f instanceof TextRecognised t && !t.problemId().equals(problemId)) {
                winners.add(new Rival(t.problemId(), t.candidate().score(), Math.round((t.candidate().score() - score) * 1000) / 1000.0));
            }
        }
        winners.sort(java.util.Comparator.comparingDouble(Rival::score).reversed().thenComparing(Rival::problemId));
        if (!diagnosed) {
            if (firmer != null) {
                lines.add(firmer + " was found: words are weighed only when nothing firmer (the product's exact message, facts "
                        + "or a symptom) found a problem");
            }
            for (Rival w : winners) {
                lines.add(w.problemId() + " was heard instead, at " + TextWhy.num(w.score()) + ", " + TextWhy.num(w.ahead())
                        + " ahead (the margin is " + TextWhy.num(s.margin()) + ")");
            }
            if (firmer == null && winners.isEmpty() && x.vetoedBy() == null && contradicted == null && score >= s.minimum()
                    && score < s.confident()) {
                lines.add("below confident, a candidate is proposed only within the margin of a confident one; none was");
            }
        } else if (facts.stream().anyMatch(f -> f instanceof TextRecognised t && t.problemId().equals(problemId))) {
            lines.add("the text rules took these words as " + problemId);
        }
        return new TextResult(x, score, s, x.vetoedBy(), contradicted, winners, firmer, lines);
    }

    private static List<ConditionResult> evaluate(List<RuleConditions.Condition> conditions, List<Object> facts) {
        Map<String, Object> vars = new HashMap<>();
        List<ConditionResult> out = new ArrayList<>();
        for (RuleConditions.Condition c : conditions) {
            String text = (c.negated() ? "not " : c.exists() ? "exists " : "") + c.type().getSimpleName()
                    + "( " + String.join(", ", c.constraints()) + " )";
            List<Object> candidates = facts.stream().filter(c.type()::isInstance).toList();
            Object matching = null;
            String failed = null;
            Set<String> missing = new LinkedHashSet<>();
            for (Object fact : candidates) {
                String f = firstFailing(c, fact, vars, missing);
                if (f == null) {
                    matching = fact;
                    break;
                }
                if (failed == null) {
                    failed = f;
                }
            }
            if (matching != null) {
                for (Map.Entry<String, java.util.function.Function<Object, Object>> d : c.declarations().entrySet()) {
                    try {
                        vars.put(d.getKey(), d.getValue().apply(matching));
                    } catch (RuntimeException e) {
                        // a binding that cannot be read leaves the conditions that use it undecided
                    }
                }
            }
            if (c.negated()) {
                out.add(matching == null
                        ? new ConditionResult(text, Status.HELD, "no such fact", List.of())
                        : new ConditionResult(text, Status.NOT_HELD, "there is one: " + describe(c, matching), List.of()));
            } else if (matching != null) {
                out.add(new ConditionResult(text, Status.HELD, describe(c, matching), List.of()));
            } else if (candidates.isEmpty()) {
                String path = FactPaths.prefix(c.type());
                List<String> needed = new ArrayList<>();
                if (path != null) {
                    for (String field : fields(c)) {
                        needed.add(path.isEmpty() ? field : path + "." + field);
                    }
                    if (needed.isEmpty()) {
                        needed.add(path.isEmpty() ? "the incident" : path);
                    }
                }
                out.add(new ConditionResult(text, path != null ? Status.MISSING : Status.NOT_HELD,
                        path != null ? "not known" : "no " + c.type().getSimpleName() + " was derived from the facts", needed));
            } else if (!missing.isEmpty()) {
                String path = FactPaths.prefix(c.type()) == null ? "" : FactPaths.prefix(c.type());
                out.add(new ConditionResult(text, Status.MISSING, failed, missing.stream()
                        .map(m -> path.isEmpty() ? m : path + "." + m).toList()));
            } else {
                out.add(new ConditionResult(text, Status.NOT_HELD, failed, List.of()));
            }
        }
        return out;
    }

    /** The first constraint the fact fails, with the values it saw; null when it meets them all. */
    private static String firstFailing(RuleConditions.Condition c, Object fact, Map<String, Object> vars, Set<String> missing) {
        for (String constraint : c.constraints()) {
            Object result;
            try {
                result = MVEL.executeExpression(compiled(constraint), fact, new HashMap<>(vars));
            } catch (RuntimeException e) {
                return constraint + " cannot be checked here (" + e.getClass().getSimpleName() + ")";
            }
            if (!Boolean.TRUE.equals(result)) {
                List<String> values = new ArrayList<>();
                for (String field : fieldsOf(constraint)) {
                    Object v = value(fact, field);
                    values.add(field + " = " + (v == null ? "unknown" : v));
                    if (v == null) {
                        missing.add(field);
                    }
                }
                return constraint + " does not hold" + (values.isEmpty() ? "" : " (" + String.join(", ", values) + ")");
            }
        }
        return null;
    }

    private static List<String> fields(RuleConditions.Condition c) {
        Set<String> all = new LinkedHashSet<>();
        c.constraints().forEach(k -> all.addAll(fieldsOf(k)));
        return List.copyOf(all);
    }

    private static List<String> fieldsOf(String constraint) {
        Set<String> out = new LinkedHashSet<>();
        ALIASES.forEach((call, field) -> {
            if (constraint.matches(".*(?<![\\w.])" + Pattern.quote(call) + "(?![\\w]).*")) {
                out.add(field);
            }
        });
        for (String id : FactPaths.identifiers(constraint)) {
            if (!id.equals("null") && !id.equals("true") && !id.equals("false") && !id.startsWith("Math") && !ALIASES.containsKey(id)) {
                out.add(id.startsWith("authenticator.") ? id.substring("authenticator.".length()) : id);
            }
        }
        return List.copyOf(out);
    }

    private static String describe(RuleConditions.Condition c, Object fact) {
        String path = FactPaths.prefix(c.type()) == null ? c.type().getSimpleName() : FactPaths.prefix(c.type());
        List<String> values = new ArrayList<>();
        for (String field : fields(c)) {
            Object v = value(fact, field);
            values.add((path.isEmpty() ? "" : path + ".") + field + " = " + (v == null ? "unknown" : v));
        }
        return values.isEmpty() ? c.type().getSimpleName() : String.join(", ", values);
    }

    private static Object value(Object fact, String path) {
        try {
            return MVEL.executeExpression(compiled(path), fact, new HashMap<>());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Serializable compiled(String expression) {
        return COMPILED.computeIfAbsent(expression, e -> {
            ParserConfiguration conf = new ParserConfiguration();
            conf.addPackageImport("dev.authdoctor.incident");
            conf.addPackageImport("dev.authdoctor.vocabulary");
            conf.addPackageImport("dev.authdoctor.api");
            conf.addImport("Math", Math.class);
            return MVEL.compileExpression(e, new ParserContext(conf));
        });
    }
}
