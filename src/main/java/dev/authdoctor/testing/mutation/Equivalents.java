package dev.authdoctor.testing.mutation;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The mutants a pack declares equivalent, in {@code mutation-equivalents.yaml} at the pack's root: a list of
 * <pre>
 * - rule: row09-cause-clock-drift            # the rule's @id (or "function NAME")
 *   operator: flip-comparison
 *   change: "clockSkewSeconds != null -> clockSkewSeconds == null"   # as the report shows it
 *   reason: why no incident can tell the mutant from the rule
 * </pre>
 * Keyed by rule, operator and change, never by line, so a mark survives edits elsewhere in the file. Marked mutants are
 * run like the others and counted equivalent only when they survive: a mark may match the same change elsewhere in the
 * rule, which the scenarios can tell. A mark that matches no surviving mutant is reported as stale.
 */
public final class Equivalents {

    /** The file's name in a pack. */
    public static final String FILE = "mutation-equivalents.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("rule", "operator", "change", "reason");

    /** One mark; {@code line} is where it is written, for messages. */
    public record Mark(String rule, Operator operator, String change, String reason, int line) {
        boolean matches(Mutant m) {
            return rule.equals(m.rule()) && operator == m.operator() && change.equals(m.change());
        }
    }

    private Equivalents() {
    }

    /**
     * The pack's marks; none when it has no such file.
     *
     * @param pack the pack's folder
     * @return the marks, in the file's order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the file, the entry and the field, when an entry is wrong
     */
    public static List<Mark> of(Path pack) throws IOException {
        Path f = pack.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(f));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(FILE + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException(FILE + ": expected a list of {rule, operator, change, reason}");
        }
        List<Mark> marks = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root) {
            i++;
            String where = FILE + ", entry " + i;
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + ": expected rule, operator, change and reason");
            }
            for (String key : n.propertyNames()) {
                if (!FIELDS.contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown field \"" + key + "\" (expected rule, operator, change, reason)");
                }
            }
            for (String key : FIELDS) {
                if (n.path(key).asString("").isBlank()) {
                    // A mark without its reason is a survivor hidden, not explained.
                    throw new IllegalArgumentException(where + ": " + key + " is required");
                }
            }
            Operator op;
            try {
                op = Operator.ofLabel(n.get("operator").asString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": operator: " + e.getMessage());
            }
            marks.add(new Mark(n.get("rule").asString(), op, n.get("change").asString(), n.get("reason").asString().strip(), i));
        }
        return marks;
    }
}
