package dev.authdoctor.engine;

import dev.authdoctor.incident.AuthenticatorFacts;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.text.TextMatcher;
import dev.authdoctor.vocabulary.ActivationWindow;
import dev.authdoctor.vocabulary.CauseFound;
import dev.authdoctor.vocabulary.ErrorText;
import dev.authdoctor.vocabulary.InQuestion;
import dev.authdoctor.vocabulary.Organisation;
import dev.authdoctor.vocabulary.ProblemFound;
import dev.authdoctor.vocabulary.RecognisedMessage;
import dev.authdoctor.vocabulary.SolutionNeeded;
import dev.authdoctor.vocabulary.TextCandidate;
import dev.authdoctor.vocabulary.TextContradicted;
import dev.authdoctor.vocabulary.TextSettings;
import org.kie.api.runtime.rule.Match;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says, in field paths of the incident contract, which facts made a rule fire: {@code user.state = INACTIVE},
 * {@code device.clockSkewSeconds = 420, and |clockSkewSeconds| > 300}. Read from the rule's own conditions
 * and the facts it matched, so what it says is what ran.
 */
final class Explainer {

    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z0-9_]+");

    private Explainer() {
    }

    /**
     * What explaining a rule that weighs the ticket's words needs beyond its match: the packs' matcher (which phrase,
     * which words) and the session's facts (the other candidates, and the facts that contradicted some).
     */
    record TextContext(TextMatcher matcher, Supplier<Collection<?>> facts) {
    }

    static List<String> because(List<RuleConditions.Condition> conditions, Match match, Incident incident) {
        return because(conditions, match, incident, null);
    }

    static List<String> because(List<RuleConditions.Condition> conditions, Match match, Incident incident, TextContext text) {
        Set<String> out = new LinkedHashSet<>();
        List<Object> objects = match.getObjects();
        TextCandidate heard = text == null ? null : (TextCandidate) objects.stream().filter(TextCandidate.class::isInstance)
                .findFirst().orElse(null);
        if (heard != null) {
            TextSettings settings = (TextSettings) objects.stream().filter(TextSettings.class::isInstance).findFirst()
                    .orElse(TextSettings.DEFAULTS);
            out.addAll(TextWhy.heard(heard, settings, incident, text));
        }
        for (RuleConditions.Condition c : conditions) {
            if (heard != null && isTextCondition(c)) {
                if (c.negated() && c.type() == ProblemFound.class && c.constraints().contains("evidence != Evidence.TEXT")) {
                    out.add("nothing firmer than words (the product's exact message, facts or a symptom) found a problem");
                }
                continue; // said above, in words
            }
            if (c.negated()) {
                out.add(absent(c));
                continue;
            }
            for (Object fact : objects) {
                if (c.type().isInstance(fact)) {
                    describe(fact, c, match, incident, out);
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /** The conditions a text rule's explanation says in words rather than one by one. */
    private static boolean isTextCondition(RuleConditions.Condition c) {
        return c.type() == TextCandidate.class || c.type() == TextSettings.class || c.type() == TextContradicted.class
                || c.type() == dev.authdoctor.vocabulary.TextRecognised.class || (c.negated() && c.type() == ProblemFound.class);
    }

    private static void describe(Object fact, RuleConditions.Condition c, Match match, Incident incident, Set<String> out) {
        if (fact instanceof Organisation) {
            return;
        }
        if (fact instanceof ProblemFound p) {
            out.add("problem " + p.problemId() + " recognised");
            return;
        }
        if (fact instanceof CauseFound cf) {
            out.add("cause " + cf.cause() + " named");
            return;
        }
        if (fact instanceof RecognisedMessage m) {
            out.add("the error message is " + m.problemId() + "'s");
            return;
        }
        if (fact instanceof SolutionNeeded s) {
            out.add(s.solutionId().equals(s.forProblemId()) ? "the solution of " + s.solutionId()
                    : "the solution of " + s.solutionId() + ", reused for " + s.forProblemId());
            return;
        }
        if (fact instanceof dev.authdoctor.vocabulary.SupportHandover h) {
            out.add(h.problemId() + " hands over to support, " + h.condition());
            return;
        }
        if (fact instanceof dev.authdoctor.vocabulary.EscalationProposed e) {
            out.add(e.problemId() + " escalates to " + e.contact() + ", " + e.condition());
            return;
        }
        if (fact instanceof ErrorText t) {
            out.add((t.isFreeText() ? "description" : "error.message") + " = \"" + t.raw() + "\"");
            return;
        }
        if (fact instanceof ActivationWindow w) {
            out.add(pathOf(w.authenticator(), incident) + " activation " + (w.expired() ? "expired" : "still valid") + " at reportedAt");
            return;
        }
        String prefix;
        Object root = fact;
        if (fact instanceof InQuestion q) {
            prefix = pathOf(q.authenticator(), incident) + " (the authenticator in question)";
            root = q.authenticator();
        } else if (fact instanceof AuthenticatorFacts a) {
            prefix = pathOf(a, incident);
        } else {
            String known = FactPaths.prefix(fact.getClass());
            prefix = known == null ? fact.getClass().getSimpleName() : known;
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String constraint : c.constraints()) {
            for (String path : FactPaths.identifiers(constraint)) {
                if (fact instanceof InQuestion && path.startsWith("authenticator.")) {
                    path = path.substring("authenticator.".length());
                }
                if (value(root, path) != NONE) {
                    fields.add(path);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            parts.add((prefix.isEmpty() ? "" : prefix + ".") + f + " = " + format(value(root, f)));
        }
        for (String constraint : c.constraints()) {
            // A comparison with a value from elsewhere (a window, a time): show it with the values put in.
            if (VARIABLE.matcher(constraint).find()) {
                parts.add(withValues(constraint, root, fields, match));
            }
        }
        if (!parts.isEmpty()) {
            out.add(String.join(", ", parts));
        }
    }

    /** {@code Math.abs(clockSkewSeconds) > $window} as {@code |420| > 300}. */
    private static String withValues(String constraint, Object root, Set<String> fields, Match match) {
        String text = constraint;
        Matcher v = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (v.find()) {
            Object value = declaration(match, v.group());
            v.appendReplacement(sb, Matcher.quoteReplacement(value == null ? v.group() : format(value)));
        }
        v.appendTail(sb);
        text = sb.toString();
        for (String f : fields) {
            text = text.replaceAll("(?<![\\w.])" + Pattern.quote(f) + "(?![\\w])", Matcher.quoteReplacement(format(value(root, f))));
        }
        return text.replaceAll("Math\\.abs\\(([^()]*)\\)", "|$1|");
    }

    private static String absent(RuleConditions.Condition c) {
        String what = FactPaths.prefix(c.type()) == null ? c.type().getSimpleName() : FactPaths.prefix(c.type());
        if (what.isEmpty()) {
            what = "incident";
        }
        return "no " + what + (c.constraints().isEmpty() ? "" : " with " + String.join(" and ", c.constraints())) + " known";
    }

    private static Object declaration(Match match, String name) {
        try {
            return match.getDeclarationIds().contains(name) ? match.getDeclarationValue(name) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String pathOf(AuthenticatorFacts a, Incident incident) {
        if (incident != null && incident.authenticators() != null) {
            for (int i = 0; i < incident.authenticators().size(); i++) {
                if (incident.authenticators().get(i) == a) {
                    return "authenticators[" + i + "]";
                }
            }
        }
        return "authenticator";
    }

    private static final Object NONE = new Object();

    /**
     * A fact's field by dotted path; NONE when the path is not one of its fields. Facts are records, or the
     * incident's value classes, whose fields have record-style accessors.
     */
    private static Object value(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (current == null || !(current.getClass().isRecord() || current.getClass().getPackage() == Incident.class.getPackage())) {
                return NONE;
            }
            try {
                Field field = current.getClass().getDeclaredField(part);
                if (Modifier.isStatic(field.getModifiers())) {
                    return NONE;
                }
                current = current.getClass().getMethod(part).invoke(current);
            } catch (ReflectiveOperationException e) {
                return NONE;
            }
        }
        return current;
    }

    private static String format(Object v) {
        if (v == null) {
            return "unknown";
        }
        if (v instanceof String s) {
            return "\"" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "\"";
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "[] (none)" : l.size() + " item(s)";
        }
        return v.toString();
    }
}
