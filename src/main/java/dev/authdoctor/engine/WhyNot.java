package dev.authdoctor.engine;

import dev.authdoctor.model.Incident;
import dev.authdoctor.model.ProblemFound;
import dev.authdoctor.model.SolutionNeeded;
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

    /** The answer: whether the problem was diagnosed, and every rule that could have recognised it. */
    public record Report(String problemId, boolean diagnosed, List<RuleResult> rules) {
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
        return new Report(problemId, diagnosed, rules);
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
            conf.addPackageImport("dev.authdoctor.model");
            conf.addImport("Math", Math.class);
            return MVEL.compileExpression(e, new ParserContext(conf));
        });
    }
}
