package dev.authdoctor.testing;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a pack's {@code scenarios/*.yaml}. Each file is a list of cases:
 * <pre>
 * - name: the seed's own message
 *   given: {id: s1, error: {message: "Invalid Response."}}
 *   expect:
 *     problems: [reset-token-invalid-response]
 *     stepsExactly: [reset-token-invalid-response/confirm-authenticator, reset-token-invalid-response/confirm-digits,
 *                    reset-token-invalid-response/contact-support]
 *     escalation: {condition: IF_PERSISTS, now: false}     # or: escalation: none
 *     heardInWords: []                                      # problems found from the ticket's words alone
 *     whyNot:                                               # what why-not says of a problem's words
 *       token-not-working: {contradictedBy: inactive, tookInstead: [], firmer: none}
 * </pre>
 * Steps are named by id or by their exact text, or as {@code {id: ..., actor: ADMINISTRATOR, text: "..."}} (any of the three)
 * to pin who acts and what the step says, not only which step it is. {@code stepsExactly} pins the whole plan: these steps, in this
 * order, and no others ({@code []} for no step at all). {@code steps} only asks for these steps in this order, with
 * others allowed between and around them; it stays for packs written that way, but pins little, so prefer
 * {@code stepsExactly} wherever the plan is known in full. A case may give both.
 * {@code whyNot} pins, for each problem named, what stood in the way of its words: {@code contradictedBy} (a part of the
 * fact's description, or {@code none}), {@code tookInstead} (exactly the problems whose candidates were taken instead)
 * and {@code firmer} (the problem found from firmer evidence, or {@code none}); a part left out is not checked.
 * A mistake in a file is an {@link IllegalArgumentException} naming the file, the case and the field.
 */
public final class ScenarioFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> CASE_FIELDS = Set.of("name", "given", "expect");
    private static final Set<String> EXPECT_FIELDS = Set.of("outcome", "problems", "problemsInclude", "causes",
            "causesInclude", "steps", "stepsExactly", "escalation", "heardInWords", "whyNot");
    private static final Set<String> WHY_NOT_FIELDS = Set.of("contradictedBy", "tookInstead", "firmer");
    private static final Set<String> STEP_FIELDS = Set.of("id", "actor", "text");

    private ScenarioFiles() {
    }

    /**
     * Every case of every {@code *.yaml} / {@code *.yml} file in the pack's {@code scenarios/} folder, by file name.
     *
     * @param pack the pack's folder
     * @return the cases, file by file, in each file's order
     * @throws IOException when a scenario file cannot be read or parsed
     */
    public static List<Scenario> ofPack(Path pack) throws IOException {
        Path folder = pack.resolve("scenarios");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Scenario> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                all.addAll(read(f, pack.relativize(f).toString().replace('\\', '/')));
            }
        }
        return all;
    }

    static List<Scenario> read(Path file, String name) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(name + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException(name + ": expected a list of cases (each starting with '- name:')");
        }
        List<Scenario> cases = new ArrayList<>();
        int index = 0;
        for (JsonNode c : root) {
            index++;
            String where = name + ", case " + index;
            if (!c.isObject()) {
                throw new IllegalArgumentException(where + ": expected name, given and expect");
            }
            unknown(c, CASE_FIELDS, where);
            String caseName = c.path("name").asString("case " + index);
            where = name + ", case \"" + caseName + "\"";
            if (!c.path("given").isObject()) {
                throw new IllegalArgumentException(where + ": given: expected an incident (an object with at least an id)");
            }
            JsonNode e = c.path("expect");
            if (!e.isObject()) {
                throw new IllegalArgumentException(where + ": expect: expected what the diagnosis must show");
            }
            unknown(e, EXPECT_FIELDS, where + ": expect");
            boolean checkEscalation = e.has("escalation");
            Scenario.EscalationExpectation escalation = null;
            JsonNode esc = e.path("escalation");
            if (esc.isObject()) {
                escalation = new Scenario.EscalationExpectation(text(esc, "contact"), text(esc, "condition"),
                        esc.has("now") ? esc.get("now").asBoolean() : null);
            } else if (checkEscalation && !(esc.isNull() || "none".equals(esc.asString(null)))) {
                throw new IllegalArgumentException(where + ": expect.escalation: expected none or {contact, condition, now}");
            }
            cases.add(new Scenario(caseName, name, c.get("given"), new Scenario.Expectation(
                    text(e, "outcome"), list(e, "problems", where), list(e, "problemsInclude", where), list(e, "causes", where),
                    list(e, "causesInclude", where), steps(e, "steps", where), steps(e, "stepsExactly", where),
                    checkEscalation, escalation, list(e, "heardInWords", where), whyNot(e, where))));
        }
        return cases;
    }

    /** {@code whyNot: {problemId: {contradictedBy, tookInstead, firmer}}}; {@code none} reads as "nothing there". */
    private static List<Scenario.WhyNotExpectation> whyNot(JsonNode e, String where) {
        JsonNode v = e.get("whyNot");
        if (v == null) {
            return List.of();
        }
        if (!v.isObject() || v.isEmpty()) {
            throw new IllegalArgumentException(where + ": expect.whyNot: expected problem ids, each with {contradictedBy, tookInstead, firmer}");
        }
        List<Scenario.WhyNotExpectation> out = new ArrayList<>();
        for (var p : v.properties()) {
            String at = where + ": expect.whyNot." + p.getKey();
            if (!p.getValue().isObject() || p.getValue().isEmpty()) {
                throw new IllegalArgumentException(at + ": expected at least one of contradictedBy, tookInstead, firmer");
            }
            unknown(p.getValue(), WHY_NOT_FIELDS, at);
            out.add(new Scenario.WhyNotExpectation(p.getKey(), none(text(p.getValue(), "contradictedBy")),
                    ids(p.getValue().get("tookInstead"), at + ".tookInstead"), none(text(p.getValue(), "firmer"))));
        }
        return out;
    }

    private static List<String> ids(JsonNode v, String at) {
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(at + ": expected a list of problem ids");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asString()));
        return out;
    }

    private static String none(String s) {
        return "none".equals(s) ? "" : s;
    }

    /** A list of steps, each a string (an id or an exact text) or {@code {id, actor, text}} with at least one of them. */
    private static List<Scenario.StepExpectation> steps(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + ": expect." + field + ": expected a list");
        }
        List<Scenario.StepExpectation> out = new ArrayList<>();
        int i = 0;
        for (JsonNode x : v) {
            i++;
            if (x.isObject()) {
                String at = where + ": expect." + field + "[" + i + "]";
                unknown(x, STEP_FIELDS, at);
                if (x.size() == 0) {
                    throw new IllegalArgumentException(at + ": expected at least one of id, actor, text");
                }
                out.add(new Scenario.StepExpectation(null, text(x, "id"), text(x, "actor"), text(x, "text")));
            } else {
                out.add(new Scenario.StepExpectation(x.asString(), null, null, null));
            }
        }
        return out;
    }

    private static void unknown(JsonNode node, Set<String> allowed, String where) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + key + "\" (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static List<String> list(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + ": expect." + field + ": expected a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asString()));
        return out;
    }
}
