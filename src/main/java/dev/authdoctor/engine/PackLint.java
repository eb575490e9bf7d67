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
 * step without an actor. Each finding names the file and line. {@link #warnings} flags, without refusing, pack
 * code that reaches outside the rules: DRL is code and Drools has no sandbox.
 */
public final class PackLint {

    /** Where the DRL names a problem id in a string: the vocabulary's constructors and id comparisons. */
    private static final Pattern PROBLEM_ID = Pattern.compile(
            "(?:ProblemFound|SupportHandover|CauseFound|EscalationProposed|RecognisedMessage|SolutionNeeded|PlanStep)\\(\\s*\"([^\"]+)\""
                    + "|(?:problemId|solutionId|forProblemId)\\s*==\\s*\"([^\"]+)\"");
    /** A plan step: {@code $need.step(name, seq, actor, text)} or {@code new PlanStep(problem, id, seq, actor, text)}. */
    private static final Pattern STEP = Pattern.compile("\\.step\\(|new\\s+PlanStep\\(");
    private static final Set<String> ACTORS = Set.of("Actor.USER", "Actor.ADMINISTRATOR", "Actor.SUPER_ADMINISTRATOR", "Actor.SUPPORT");

    /** What pack code should not need, with why it is worth a look; found outside comments and strings. */
    private static final Map<Pattern, String> REACHES_OUT = reachesOut();

    private static Map<Pattern, String> reachesOut() {
        Map<Pattern, String> m = new java.util.LinkedHashMap<>();
        m.put(Pattern.compile("\\bSystem\\s*\\.\\s*exit\\b"), "System.exit: it would stop the whole process");
        m.put(Pattern.compile("\\bRuntime\\b"), "Runtime: it can start programs or stop the process");
        m.put(Pattern.compile("\\bProcessBuilder\\b"), "ProcessBuilder: it starts programs");
        m.put(Pattern.compile("\\bjava\\s*\\.\\s*io\\b"), "java.io: it can read and write files");
        m.put(Pattern.compile("\\bjava\\s*\\.\\s*nio\\s*\\.\\s*file\\b"), "java.nio.file: it can read and write files");
        return m;
    }

    private PackLint() {
    }

    /**
     * Warnings, not errors: pack code that uses {@code System.exit}, {@code Runtime}, {@code ProcessBuilder},
     * {@code java.io} or {@code java.nio.file}, in an import, a condition, a consequence or a function, one
     * per use and line, as {@code pack/file.drl:line: warning: ...}. A pack may have reasons; a reviewer
     * should know.
     */
    public static List<String> warnings(List<RulePack> packs) {
        List<String> warnings = new ArrayList<>();
        for (RulePack pack : packs) {
            for (DrlSource source : pack.sources()) {
                String code = codeOnly(source.text());
                Map<Integer, List<String>> byLine = new java.util.TreeMap<>();
                for (Map.Entry<Pattern, String> use : REACHES_OUT.entrySet()) {
                    Set<Integer> lines = new HashSet<>();
                    Matcher m = use.getKey().matcher(code);
                    while (m.find()) {
                        int line = line(code, m.start());
                        if (lines.add(line)) {
                            byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(pack.name() + "/" + source.name() + ":" + line
                                    + ": warning: uses " + use.getValue() + " (pack code runs with authdoctor's rights)");
                        }
                    }
                }
                byLine.values().forEach(warnings::addAll);
            }
        }
        return warnings;
    }

    /** The DRL with comments and string literals blanked out, line breaks kept, so offsets still give lines. */
    static String codeOnly(String drl) {
        StringBuilder sb = new StringBuilder(drl);
        int i = 0;
        while (i < sb.length()) {
            char c = sb.charAt(i);
            char next = i + 1 < sb.length() ? sb.charAt(i + 1) : 0;
            int end;
            if (c == '/' && next == '/') {
                end = indexOrEnd(sb, "\n", i);
            } else if (c == '/' && next == '*') {
                int close = sb.indexOf("*/", i + 2);
                end = close < 0 ? sb.length() : close + 2;
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < sb.length() && sb.charAt(end) != c && sb.charAt(end) != '\n') {
                    end += sb.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, sb.length());
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (sb.charAt(k) != '\n') {
                    sb.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return sb.toString();
    }

    private static int indexOrEnd(StringBuilder sb, String s, int from) {
        int at = sb.indexOf(s, from);
        return at < 0 ? sb.length() : at;
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
