package dev.authdoctor.testing.mutation;

import dev.authdoctor.api.Actor;
import dev.authdoctor.api.EscalationCondition;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the mutants of one DRL file. Where a change goes comes from Drools' own DRL parser (rules, patterns, {@code not}
 * and {@code exists}, constraints, functions, with their positions in the text); the changes are text edits at those
 * positions, made in code only (never inside a string or a comment). A change that could not compile for a plain
 * reason (dropping a pattern or constraint whose binding is used elsewhere in the rule) is not made.
 */
public final class DrlMutator {

    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$?[A-Za-z_][\\w]*)\\s*:(?!=)\\s*", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.$])(\\d+)(?:\\.(\\d+))?(?![\\w.])");
    private static final Pattern STEP_CALL = Pattern.compile("\\.step\\s*\\(|new\\s+PlanStep\\s*\\(|new\\s+SupportHandover\\s*\\(");
    private static final Pattern ESCALATION = Pattern.compile("EscalationCondition\\s*\\.\\s*([A-Z_]+)");
    private static final Pattern ACTOR = Pattern.compile("Actor\\s*\\.\\s*([A-Z_]+)");

    private final String file;
    private final CodeText code;
    private final List<Mutant> out = new ArrayList<>();

    private DrlMutator(String file, String text) {
        this.file = file;
        this.code = new CodeText(text);
    }

    /**
     * Every mutant of a DRL file, in the order of the text.
     *
     * @param file the file's name within its pack, for reports
     * @param text the file's DRL
     * @return the mutants; none when the file does not parse (the pack's own compile reports that)
     */
    public static List<Mutant> mutants(String file, String text) {
        DrlMutator m = new DrlMutator(file, text);
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException e) {
            return List.of();
        }
        if (pkg == null || parser.hasErrors()) {
            return List.of();
        }
        m.all(pkg);
        return m.out;
    }

    private void all(PackageDescr pkg) {
        List<int[]> ruleRanges = new ArrayList<>();
        List<String> ruleIds = new ArrayList<>();
        for (RuleDescr r : pkg.getRules()) {
            int[] range = ruleRange(r);
            if (range != null) {
                ruleRanges.add(range);
                ruleIds.add(ruleId(r));
                rule(r, range);
            }
        }
        for (FunctionDescr f : pkg.getFunctions()) {
            int open = f.getStartCharacter() < 0 ? -1 : code.text.indexOf('{', f.getStartCharacter());
            while (open >= 0 && !code.isCode(open)) {
                open = code.text.indexOf('{', open + 1);
            }
            int close = open < 0 ? -1 : code.closing(open);
            if (close < 0) {
                continue;
            }
            List<String> callers = new ArrayList<>();
            for (int i = 0; i < ruleRanges.size(); i++) {
                if (code.findWord(f.getName(), ruleRanges.get(i)[0], ruleRanges.get(i)[1]) >= 0) {
                    callers.add(ruleIds.get(i));
                }
            }
            consequence("function " + f.getName(), callers, open + 1, close);
        }
        out.sort(java.util.Comparator.comparingInt((Mutant x) -> x.edits().get(0).start()).thenComparing(x -> x.operator()));
    }

    /** From {@code rule} to the end of its {@code end} keyword; null when the text does not hold it where the parser said. */
    private int[] ruleRange(RuleDescr r) {
        int start = r.getStartCharacter();
        if (start < 0 || !code.text.startsWith("rule", start)) {
            return null;
        }
        int limit = Math.min(code.text.length(), Math.max(r.getEndCharacter(), start) + 4);
        int end = -1;
        for (int at = code.findWord("end", start, limit); at >= 0; at = code.findWord("end", at + 1, limit)) {
            end = at;
        }
        return end < 0 ? null : new int[]{start, end + 3};
    }

    private static String ruleId(RuleDescr r) {
        AnnotationDescr id = r.getAnnotation("id");
        if (id == null || id.getValue() == null) {
            return r.getName();
        }
        String v = id.getValue().toString();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private void rule(RuleDescr r, int[] range) {
        String id = ruleId(r);
        List<String> self = List.of(id);
        add(id, self, Operator.DELETE_RULE, range[0], "rule \"" + r.getName() + "\"", "",
                new Mutant.Edit(range[0], range[1], ""));
        AndDescr lhs = r.getLhs();
        if (lhs != null) {
            for (BaseDescr d : lhs.getDescrs()) {
                condition(id, range, d, true);
            }
        }
        int when = code.findWord("when", range[0], range[1]);
        int then = code.findWord("then", when < 0 ? range[0] : when, range[1]);
        if (then >= 0) {
            consequence(id, self, then + 4, range[1] - 3);
        }
        Matcher m = ESCALATION.matcher(code.text).region(range[0], then < 0 ? range[1] : then);
        while (m.find()) {
            if (code.isCode(m.start())) {
                escalation(id, self, m);
            }
        }
    }

    /** One condition element; {@code inAnd}: it stands among the rule's conjunction, where it may be dropped or negated. */
    private void condition(String rule, int[] ruleRange, BaseDescr d, boolean inAnd) {
        List<String> self = List.of(rule);
        if (d instanceof PatternDescr p) {
            int[] pr = patternRange(p);
            if (pr == null) {
                return;
            }
            boolean hasSource = p.getSource() != null;
            Set<String> declared = declared(p);
            if (inAnd && !usedElsewhere(declared, ruleRange, pr)) {
                add(rule, self, Operator.DROP_PATTERN, pr[0], code.shown(pr[0], pr[1]), "", new Mutant.Edit(pr[0], pr[1], ""));
                if (declared.isEmpty() && !hasSource) {
                    add(rule, self, Operator.NEGATE_CONDITION, pr[0], code.shown(pr[0], pr[1]), "not " + code.shown(pr[0], pr[1]),
                            new Mutant.Edit(pr[0], pr[0], "not "));
                }
            }
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr x) {
                    constraint(rule, ruleRange, p, pr, x);
                }
            }
        } else if ((d instanceof NotDescr || d instanceof ExistsDescr) && ((ConditionalElementDescr) d).getDescrs().size() == 1
                && ((ConditionalElementDescr) d).getDescrs().get(0) instanceof PatternDescr inner) {
            int[] ir = patternRange(inner);
            int start = d.getStartCharacter();
            String keyword = d instanceof NotDescr ? "not" : "exists";
            if (ir == null || start < 0 || !code.text.startsWith(keyword, start)) {
                return;
            }
            if (inAnd) {
                add(rule, self, Operator.DROP_PATTERN, start, code.shown(start, ir[1]), "", new Mutant.Edit(start, ir[1], ""));
                if (declared(inner).isEmpty()) {
                    add(rule, self, Operator.NEGATE_CONDITION, start, code.shown(start, ir[1]), code.shown(ir[0], ir[1]),
                            new Mutant.Edit(start, ir[0], ""));
                }
            }
            condition(rule, ruleRange, inner, false);
        } else if (d instanceof ConditionalElementDescr ce) {
            boolean and = d instanceof AndDescr;
            for (Object child : ce.getDescrs()) {
                condition(rule, ruleRange, (BaseDescr) child, and && inAnd);
            }
        }
    }

    /** From the pattern's start (its binding, if any) to its closing parenthesis, or the end of its {@code from} source. */
    private int[] patternRange(PatternDescr p) {
        int start = p.getStartCharacter();
        if (start < 0) {
            return null;
        }
        int open = start;
        while (open < code.text.length() && !(code.text.charAt(open) == '(' && code.isCode(open))) {
            open++;
        }
        int close = open < code.text.length() ? code.closing(open) : -1;
        if (close < 0) {
            return null;
        }
        int end = close + 1;
        if (p.getSource() != null) {
            int e = Math.min(code.text.length(), p.getEndCharacter());
            end = code.trim(end, e)[1];
            if (end <= close) {
                return null;
            }
        }
        return new int[]{start, end};
    }

    private Set<String> declared(PatternDescr p) {
        Set<String> names = new LinkedHashSet<>();
        if (p.getIdentifier() != null) {
            names.add(p.getIdentifier());
        }
        for (BaseDescr c : p.getDescrs()) {
            if (c instanceof ExprConstraintDescr x) {
                Matcher m = BINDING.matcher(x.getExpression());
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Whether a name declared in {@code removed} is used in the rule outside it: dropping it could not compile. */
    private boolean usedElsewhere(Set<String> names, int[] rule, int[] removed) {
        for (String name : names) {
            Pattern use = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
            Matcher m = use.matcher(code.text).region(rule[0], rule[1]);
            while (m.find()) {
                if (m.start() < removed[0] || m.start() >= removed[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private void constraint(String rule, int[] ruleRange, PatternDescr p, int[] pr, ExprConstraintDescr c) {
        String expr = c.getExpression();
        int start = c.getStartCharacter();
        if (start < 0 || !code.text.startsWith(expr, start)) {
            start = code.text.indexOf(expr, pr[0]);
            if (start < 0 || start >= pr[1]) {
                return;
            }
        }
        int end = start + expr.length();
        List<String> self = List.of(rule);
        Matcher b = BINDING.matcher(expr);
        int body = b.find() ? start + b.end() : start;
        boolean binding = body > start;
        String shown = code.shown(start, end);
        // Comparisons flipped, numbers moved: in the part after a binding's name.
        for (int i = body; i < end; i++) {
            if (!code.isCode(i)) {
                continue;
            }
            String op = operatorAt(i, end);
            if (op != null) {
                String flipped = switch (op) {
                    case ">" -> ">=";
                    case ">=" -> ">";
                    case "<" -> "<=";
                    case "<=" -> "<";
                    case "==" -> "!=";
                    default -> "==";
                };
                String after = code.text.substring(start, i) + flipped + code.text.substring(i + op.length(), end);
                add(rule, self, Operator.FLIP_COMPARISON, i, shown, after.replaceAll("\\s+", " ").strip(),
                        new Mutant.Edit(i, i + op.length(), flipped));
                i += op.length() - 1;
            }
        }
        Matcher n = NUMBER.matcher(code.text).region(body, end);
        while (n.find()) {
            if (!code.isCode(n.start())) {
                continue;
            }
            for (String moved : moved(n.group(1), n.group(2))) {
                String after = code.text.substring(start, n.start()) + moved + code.text.substring(n.end(), end);
                add(rule, self, Operator.CHANGE_THRESHOLD, n.start(), shown, after.replaceAll("\\s+", " ").strip(),
                        new Mutant.Edit(n.start(), n.end(), moved));
            }
        }
        if (!binding && !singleEquality(start, end)) {
            add(rule, self, Operator.NEGATE_CONDITION, start, shown, "!( " + shown + " )",
                    new Mutant.Edit(start, end, "!( " + expr + " )"));
        }
        Set<String> declared = binding ? Set.of(b.group(1)) : Set.of();
        boolean pureBinding = binding && operatorFree(body, end);
        if (!pureBinding && !usedElsewhere(declared, ruleRange, new int[]{start, end})) {
            // With the comma that joins it to its neighbour, so the pattern stays well formed.
            int[] cut = withComma(start, end, pr);
            add(rule, self, Operator.DROP_CONSTRAINT, start, shown, "", new Mutant.Edit(cut[0], cut[1], ""));
        }
    }

    /** The comparison operator at {@code i}, if any: {@code >=}, {@code <=}, {@code ==}, {@code !=}, {@code >}, {@code <}. */
    private String operatorAt(int i, int end) {
        String t = code.text;
        if (i + 1 < end) {
            String two = t.substring(i, i + 2);
            if (two.equals(">=") || two.equals("<=") || two.equals("==") || two.equals("!=")) {
                return two;
            }
        }
        char c = t.charAt(i);
        if ((c == '>' || c == '<') && (i == 0 || "-<>=".indexOf(t.charAt(i - 1)) < 0) && (i + 1 >= t.length() || "<>=".indexOf(t.charAt(i + 1)) < 0)) {
            return String.valueOf(c);
        }
        return null;
    }

    /** One {@code ==} or {@code !=} and nothing else to combine: negating it is the flip already made. */
    private boolean singleEquality(int start, int end) {
        int ops = 0;
        boolean equality = false;
        for (int i = start; i < end; i++) {
            if (!code.isCode(i)) {
                continue;
            }
            String op = operatorAt(i, end);
            if (op != null) {
                ops++;
                equality = op.equals("==") || op.equals("!=");
                i += op.length() - 1;
            } else if ("!&|".indexOf(code.text.charAt(i)) >= 0) {
                return false;
            }
        }
        return ops == 1 && equality;
    }

    private boolean operatorFree(int start, int end) {
        for (int i = start; i < end; i++) {
            if (code.isCode(i) && (operatorAt(i, end) != null || "!&|+-*/%".indexOf(code.text.charAt(i)) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** An integer n gives n+1 and n-1 (never below 0); a decimal moves by one in its last place. */
    private static List<String> moved(String whole, String fraction) {
        if (fraction == null) {
            long n = Long.parseLong(whole);
            return n == 0 ? List.of("1") : List.of(Long.toString(n + 1), Long.toString(n - 1));
        }
        java.math.BigDecimal d = new java.math.BigDecimal(whole + "." + fraction);
        java.math.BigDecimal unit = java.math.BigDecimal.ONE.movePointLeft(fraction.length());
        List<String> out = new ArrayList<>(List.of(d.add(unit).toPlainString()));
        if (d.compareTo(unit) >= 0) {
            out.add(d.subtract(unit).toPlainString());
        }
        return out;
    }

    private int[] withComma(int start, int end, int[] pattern) {
        String t = code.text;
        int after = end;
        while (after < pattern[1] && Character.isWhitespace(t.charAt(after))) {
            after++;
        }
        if (after < pattern[1] && t.charAt(after) == ',') {
            int next = after + 1;
            while (next < pattern[1] && Character.isWhitespace(t.charAt(next))) {
                next++;
            }
            return new int[]{start, next};
        }
        int before = start - 1;
        while (before > pattern[0] && Character.isWhitespace(t.charAt(before))) {
            before--;
        }
        return t.charAt(before) == ',' ? new int[]{before, end} : new int[]{start, end};
    }

    /** The plan steps, actors, texts and escalation conditions of a consequence or a function's body. */
    private void consequence(String rule, List<String> callers, int start, int end) {
        record Step(String name, int[] order, String orderText) {
        }
        List<Step> steps = new ArrayList<>();
        Matcher m = STEP_CALL.matcher(code.text).region(start, end);
        while (m.find()) {
            if (!code.isCode(m.start())) {
                continue;
            }
            int open = m.end() - 1;
            List<int[]> args = code.arguments(open);
            String call = m.group();
            boolean handover = call.contains("SupportHandover");
            boolean planStep = call.contains("PlanStep");
            int nameArg = planStep ? 1 : 0;
            int orderArg = planStep ? 2 : 1;
            int actorArg = planStep ? 3 : 2;
            int textArg = handover ? 2 : planStep ? 4 : 3;
            if (args.size() <= textArg) {
                continue;
            }
            String name = handover ? "hand-over" : literal(args.get(nameArg));
            if (!handover) {
                int[] o = args.get(orderArg);
                String orderText = code.text.substring(o[0], o[1]);
                if (orderText.matches("\\d+")) {
                    steps.add(new Step(name, o, orderText));
                }
                int[] a = args.get(actorArg);
                Matcher am = ACTOR.matcher(code.text.substring(a[0], a[1]));
                if (am.matches()) {
                    Actor now = Actor.valueOf(am.group(1));
                    Actor other = Actor.values()[(now.ordinal() + 1) % Actor.values().length];
                    add(rule, callers, Operator.CHANGE_ACTOR, a[0], name + ": Actor." + now, name + ": Actor." + other,
                            new Mutant.Edit(a[0], a[1], "Actor." + other));
                }
            }
            int[] t = args.get(textArg);
            for (int q = t[0]; q < t[1]; q++) {
                if (code.text.charAt(q) == '"' && !code.isCode(q)) {
                    int qEnd = code.literalEnd(q);
                    String content = code.text.substring(q + 1, qEnd - 1);
                    if (!content.isBlank()) {
                        add(rule, callers, Operator.CHANGE_STEP_TEXT, q, name + ": \"" + cut(content) + "\"",
                                name + ": \"(mutated) " + cut(content) + "\"", new Mutant.Edit(q + 1, q + 1, "(mutated) "));
                        break;
                    }
                    q = qEnd - 1;
                }
            }
        }
        for (int i = 0; i + 1 < steps.size(); i++) {
            Step a = steps.get(i);
            Step b = steps.get(i + 1);
            if (!a.orderText().equals(b.orderText())) {
                add(rule, callers, Operator.SWAP_STEP_ORDER, a.order()[0], a.name() + " " + a.orderText() + ", " + b.name() + " " + b.orderText(),
                        a.name() + " " + b.orderText() + ", " + b.name() + " " + a.orderText(),
                        new Mutant.Edit(a.order()[0], a.order()[1], b.orderText()), new Mutant.Edit(b.order()[0], b.order()[1], a.orderText()));
            }
        }
        Matcher e = ESCALATION.matcher(code.text).region(start, end);
        while (e.find()) {
            if (code.isCode(e.start())) {
                escalation(rule, callers, e);
            }
        }
    }

    private void escalation(String rule, List<String> callers, Matcher m) {
        String now = m.group(1);
        if (Arrays.stream(EscalationCondition.values()).noneMatch(c -> c.name().equals(now))) {
            return;
        }
        for (EscalationCondition other : EscalationCondition.values()) {
            if (!other.name().equals(now)) {
                add(rule, callers, Operator.CHANGE_ESCALATION, m.start(), "EscalationCondition." + now, "EscalationCondition." + other,
                        new Mutant.Edit(m.start(1), m.end(1), other.name()));
            }
        }
    }

    private String literal(int[] arg) {
        String s = code.text.substring(arg[0], arg[1]);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") && s.indexOf('"', 1) == s.length() - 1
                ? s.substring(1, s.length() - 1) : s.replaceAll("\\s+", " ");
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private void add(String rule, List<String> callers, Operator op, int at, String before, String after, Mutant.Edit... edits) {
        out.add(new Mutant(file, code.line(at), rule, callers, op, before, after, List.of(edits)));
    }
}
