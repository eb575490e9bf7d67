package dev.authdoctor.io;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Test cases read off {@code incident.schema.json} itself: a record with every field the schema names, and
 * for each constraint in it, records that break it and records exactly at its limit. So the cases follow
 * the schema when it changes, and a keyword they do not know fails the coverage test.
 */
final class ContractSchemaCases {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The constraint keywords these cases know how to break; anything else that is not an annotation is unknown. */
    static final Set<String> CONSTRAINTS = Set.of("type", "enum", "required", "additionalProperties", "maxItems",
            "minLength", "maxLength", "minimum", "maximum", "format");
    /** Keywords that hold subschemas, walked into rather than broken. */
    static final Set<String> STRUCTURE = Set.of("properties", "items");
    static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description", "examples",
            "default", "deprecated", "readOnly", "writeOnly");

    /** One keyword at one place in the schema; {@code at} is the record path (names, and 0 for an array's item). */
    record Constraint(List<Object> at, String keyword, JsonNode value, JsonNode schema) {
        @Override
        public String toString() {
            return at + " " + keyword + "=" + value;
        }
    }

    /** A record built from the full example by one edit, and what the schema must say of it. */
    record Case(String name, JsonNode record, boolean valid) {
    }

    private ContractSchemaCases() {
    }

    static JsonNode schema() {
        try (InputStream in = ContractSchemaCases.class.getResourceAsStream("/dev/authdoctor/io/incident.schema.json")) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every constraint keyword in the schema, and every keyword the cases do not know (as "unknown" entries). */
    static List<Constraint> constraints(JsonNode schema) {
        List<Constraint> out = new ArrayList<>();
        walk(schema, List.of(), out);
        return out;
    }

    private static void walk(JsonNode schema, List<Object> at, List<Constraint> out) {
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String k = e.getKey();
            if (k.equals("properties")) {
                for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
                    walk(p.getValue(), append(at, p.getKey()), out);
                }
            } else if (k.equals("items")) {
                walk(e.getValue(), append(at, 0), out);
            } else if (!ANNOTATIONS.contains(k)) {
                out.add(new Constraint(at, k, e.getValue(), schema));
            }
        }
    }

    /** A valid value for a subschema, with every property it names filled in. */
    static JsonNode example(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        String type = schema.path("type").asString("");
        return switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                schema.path("properties").properties().forEach(p -> o.set(p.getKey(), example(p.getValue())));
                yield o;
            }
            case "array" -> NODES.arrayNode().add(example(schema.get("items")));
            case "boolean" -> NODES.booleanNode(true);
            case "integer" -> {
                long v = schema.has("minimum") ? schema.get("minimum").longValue() : 0;
                yield NODES.numberNode(schema.has("maximum") ? Math.min(v, schema.get("maximum").longValue()) : v);
            }
            case "string" -> NODES.stringNode("date-time".equals(schema.path("format").asString(""))
                    ? "2026-11-28T09:15:00Z" : "x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
            default -> throw new IllegalStateException("no example for " + schema);
        };
    }

    /** The records that break one constraint (valid=false) or sit exactly at its limit (valid=true). */
    static List<Case> cases(Constraint c, JsonNode full) {
        List<Case> out = new ArrayList<>();
        JsonNode s = c.schema();
        String name = c.toString();
        switch (c.keyword()) {
            case "type" -> {
                String type = c.value().asString();
                for (JsonNode wrong : List.of(NODES.nullNode(), NODES.stringNode("1"), NODES.numberNode(1), NODES.numberNode(1.5),
                        NODES.booleanNode(false), NODES.objectNode(), NODES.arrayNode())) {
                    if (!kind(wrong).equals(type)) {
                        out.add(new Case(name + " <- " + wrong, replaced(full, c.at(), wrong), false));
                    }
                }
            }
            case "enum" -> {
                String first = c.value().get(0).asString();
                out.add(new Case(name + " <- not listed", replaced(full, c.at(), NODES.stringNode("NOT_" + first)), false));
                out.add(new Case(name + " <- lower case", replaced(full, c.at(), NODES.stringNode(first.toLowerCase())), false));
                out.add(new Case(name + " <- null", replaced(full, c.at(), NODES.nullNode()), false));
                for (JsonNode v : c.value()) {
                    out.add(new Case(name + " = " + v, replaced(full, c.at(), v.deepCopy()), true));
                }
            }
            case "required" -> {
                for (JsonNode field : c.value()) {
                    out.add(new Case(name + " without " + field, edited(full, c.at(), o -> ((ObjectNode) o).remove(field.asString())), false));
                }
            }
            case "additionalProperties" -> {
                out.add(new Case(name + " + unknown", edited(full, c.at(), o -> ((ObjectNode) o).put("zzUnknown", 1)), false));
                out.add(new Case(name + " + unknown null", edited(full, c.at(), o -> ((ObjectNode) o).putNull("zzUnknown")), false));
            }
            case "maxItems" -> {
                int max = c.value().intValue();
                JsonNode item = example(s.get("items"));
                out.add(new Case(name + " at limit", replaced(full, c.at(), items(item, max)), true));
                out.add(new Case(name + " one past", replaced(full, c.at(), items(item, max + 1)), false));
            }
            case "maxLength" -> {
                int max = c.value().intValue();
                out.add(new Case(name + " at limit", replaced(full, c.at(), NODES.stringNode("x".repeat(max))), true));
                out.add(new Case(name + " one past", replaced(full, c.at(), NODES.stringNode("x".repeat(max + 1))), false));
                // The schema counts code points: twice the limit in UTF-16 units is still at the limit.
                out.add(new Case(name + " at limit, astral", replaced(full, c.at(), NODES.stringNode("\uD83D\uDD11".repeat(max))), true));
                out.add(new Case(name + " one past, astral", replaced(full, c.at(), NODES.stringNode("\uD83D\uDD11".repeat(max + 1))), false));
            }
            case "minLength" -> {
                int min = c.value().intValue();
                out.add(new Case(name + " at limit", replaced(full, c.at(), NODES.stringNode("x".repeat(min))), true));
                out.add(new Case(name + " at limit, astral", replaced(full, c.at(), NODES.stringNode("\uD83D\uDD11".repeat(min))), true));
                if (min > 0) {
                    out.add(new Case(name + " one short", replaced(full, c.at(), NODES.stringNode("x".repeat(min - 1))), false));
                }
            }
            case "minimum" -> {
                long min = c.value().longValue();
                out.add(new Case(name + " at limit", replaced(full, c.at(), NODES.numberNode(min)), true));
                out.add(new Case(name + " one below", replaced(full, c.at(), NODES.numberNode(min - 1)), false));
                out.add(new Case(name + " far below", replaced(full, c.at(), NODES.numberNode(Long.MIN_VALUE)), false));
            }
            case "maximum" -> {
                long max = c.value().longValue();
                out.add(new Case(name + " at limit", replaced(full, c.at(), NODES.numberNode(max)), true));
                out.add(new Case(name + " one above", replaced(full, c.at(), NODES.numberNode(max + 1)), false));
                out.add(new Case(name + " far above", replaced(full, c.at(), NODES.numberNode(Long.MAX_VALUE)), false));
            }
            case "format" -> {
                for (String bad : List.of("2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T09:60:00Z",
                        "2026-11-28", "2026-11-28T09:15:00", "not a date", "")) {
                    out.add(new Case(name + " <- " + bad, replaced(full, c.at(), NODES.stringNode(bad)), false));
                }
                for (String good : List.of("2024-02-29T23:59:59Z", "2026-11-28T09:15:00.123456789+17:59", "2026-11-28T09:15:00-05:30",
                        "2000-02-29T00:00:00.5Z")) {
                    out.add(new Case(name + " = " + good, replaced(full, c.at(), NODES.stringNode(good)), true));
                }
            }
            default -> throw new IllegalStateException("no cases for keyword " + c.keyword() + " at " + c.at());
        }
        return out;
    }

    static String kind(JsonNode n) {
        if (n.isNull()) {
            return "null";
        }
        if (n.isString()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        if (n.isObject()) {
            return "object";
        }
        if (n.isArray()) {
            return "array";
        }
        return n.isIntegralNumber() ? "integer" : "number";
    }

    private static ArrayNode items(JsonNode item, int count) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            a.add(item.deepCopy());
        }
        return a;
    }

    /** A copy of the record with the value at {@code at} replaced (the root itself when {@code at} is empty). */
    static JsonNode replaced(JsonNode record, List<Object> at, JsonNode value) {
        if (at.isEmpty()) {
            return value;
        }
        JsonNode copy = record.deepCopy();
        JsonNode parent = locate(copy, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    /** A copy of the record with the node at {@code at} changed in place. */
    static JsonNode edited(JsonNode record, List<Object> at, Consumer<JsonNode> edit) {
        JsonNode copy = record.deepCopy();
        edit.accept(locate(copy, at));
        return copy;
    }

    private static JsonNode locate(JsonNode node, List<Object> at) {
        for (Object step : at) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node;
    }

    static List<Object> append(List<Object> at, Object step) {
        List<Object> next = new ArrayList<>(at);
        next.add(step);
        return List.copyOf(next);
    }
}
