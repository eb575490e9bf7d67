package dev.authdoctor.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rule packs for what compiles yet is wrong: a rule without {@code @id}, an {@code @id} used
 * twice, a problem id neither in the catalog nor declared by the pack (in DRL or in recognition phrases), a plan
 * step without an actor.
 * Each finding names the file and line.
 */
public final class PackLint {

    /** Where the DRL names a problem id in a string: the vocabulary's constructors and id comparisons. */
    private static final Pattern PROBLEM_ID = Pattern.compile(
            "(?:ProblemFound|SupportHandover|CauseFound|EscalationProposed|RecognisedMessage|SolutionNeeded|PlanStep)\\(\\s*\"([^\"]+)\""
                    + "|(?:problemId|solutionId|forProblemId)\\s*==\\s*\"([^\"]+)\"");
    /** A plan step: {@code $need.step(name, seq, actor, text)} or {@code new PlanStep(problem, id, seq, actor, text)}. */
    private static final Pattern STEP = Pattern.compile("\\.step\\(|new\\s+PlanStep\\(");
    private static final Set<String> ACTORS = Set.of("Actor.USER", "Actor.ADMINISTRATOR", "Actor.SUPER_ADMINISTRATOR", "Actor.SUPPORT");

    private PackLint() {
    }

    /**
     * Lints the packs as compiled together.
     *
     * @param catalog the problem ids every pack may use without declaring them
     */
    public static List<String> check(RuleBase base, Set<String> catalog) {
        List<String> errors = new ArrayList<>();
        Map<String, RulePack> packsByName = new HashMap<>();
        base.packs().forEach(p -> packsByName.put(p.name(), p));
        Map<String, RuleInfo> byId = new HashMap<>();
        for (RuleInfo r : base.rules()) {
            String where = r.file() + ":" + r.line();
            if (!r.hasId()) {
                errors.add(where + ": rule \"" + r.name() + "\" has no @id");
                continue;
            }
            RuleInfo other = byId.putIfAbsent(r.id(), r);
            if (other != null) {
                errors.add(where + ": @id \"" + r.id() + "\" of rule \"" + r.name() + "\" is already used by rule \""
                        + other.name() + "\" (" + other.file() + ")");
            }
            RulePack pack = packsByName.get(r.pack());
            if (r.problem() != null && !"all".equals(r.problem()) && !known(r.problem(), pack, catalog)) {
                errors.add(where + ": @problem \"" + r.problem() + "\" is neither in the catalog nor declared by pack " + r.pack());
            }
        }
        for (RulePack pack : base.packs()) {
            for (dev.authdoctor.text.Knowledge.ProblemWords words : pack.knowledge().problems()) {
                if (words.problemId() != null && !known(words.problemId(), pack, catalog)) {
                    errors.add(words.where() + ": problem id \"" + words.problemId() + "\" is neither in the catalog nor declared by pack "
                            + pack.name() + " (declare it in " + RulePack.MANIFEST + " as problem." + words.problemId() + ".title)");
                }
            }
            for (DrlSource source : pack.sources()) {
                String file = pack.name() + "/" + source.name();
                Set<String> reported = new HashSet<>();
                Matcher m = PROBLEM_ID.matcher(source.text());
                while (m.find()) {
                    String id = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!known(id, pack, catalog) && reported.add(id)) {
                        errors.add(file + ":" + line(source.text(), m.start()) + ": problem id \"" + id
                                + "\" is neither in the catalog nor declared by pack " + pack.name()
                                + " (declare it in " + RulePack.MANIFEST + " as problem." + id + ".title)");
                    }
                }
                Matcher s = STEP.matcher(source.text());
                while (s.find()) {
                    List<String> args = arguments(source.text(), s.end());
                    int actorAt = s.group().startsWith(".") ? 2 : 3;
                    String actor = args.size() > actorAt ? args.get(actorAt).strip() : "";
                    if (!ACTORS.contains(actor) && (actor.isEmpty() || actor.equals("null") || actor.startsWith("Actor."))) {
                        errors.add(file + ":" + line(source.text(), s.start()) + ": a plan step without an actor (expected one of "
                                + String.join(", ", ACTORS.stream().sorted().toList()) + ", found \"" + actor + "\")");
                    }
                }
            }
        }
        return errors;
    }

    private static boolean known(String problemId, RulePack pack, Set<String> catalog) {
        return catalog.contains(problemId) || (pack != null && pack.problems().containsKey(problemId));
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The top-level arguments of a call whose opening parenthesis ends at {@code from}. */
    private static List<String> arguments(String text, int from) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                current.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                current.append(c);
            } else if (c == '(') {
                depth++;
                current.append(c);
            } else if (c == ')') {
                if (depth == 0) {
                    args.add(current.toString());
                    return args;
                }
                depth--;
                current.append(c);
            } else if (c == ',' && depth == 0) {
                args.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        return args;
    }
}
