package dev.authdoctor.io;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The leaf fields of the incident contract, by the dotted path a flat export uses for them
 * ({@code user.state}, {@code device.clockSkewSeconds}), read from {@code incident.schema.json} itself so
 * the two never drift apart. A flat row carries at most one authenticator, as {@code authenticator.*}.
 */
public final class ContractFields {

    /** How a cell's text becomes a JSON value. */
    public enum Kind { STRING, BOOLEAN, INTEGER }

    /** One leaf: its flat name, where it goes in the JSON incident, and its kind. */
    public record Field(String name, String[] jsonPath, Kind kind) {
    }

    private static final Map<String, Field> FIELDS = load();

    private ContractFields() {
    }

    /** Every flat field name, in the contract's order. */
    public static Map<String, Field> all() {
        return FIELDS;
    }

    private static Map<String, Field> load() {
        try (InputStream in = ContractFields.class.getResourceAsStream("/dev/authdoctor/io/incident.schema.json")) {
            JsonNode schema = JsonMapper.builder().build().readTree(in);
            Map<String, Field> fields = new LinkedHashMap<>();
            walk(schema.get("properties"), "", new String[0], fields);
            return Collections.unmodifiableMap(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void walk(JsonNode properties, String prefix, String[] path, Map<String, Field> out) {
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            String name = p.getKey();
            JsonNode def = p.getValue();
            String type = def.path("type").asString("string");
            String[] childPath = append(path, name);
            if ("object".equals(type)) {
                walk(def.get("properties"), prefix + name + ".", childPath, out);
            } else if ("array".equals(type) && def.path("items").has("properties")) {
                // authenticators[] -> authenticator.*: one item per flat row
                String singular = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
                walk(def.get("items").get("properties"), prefix + singular + ".", append(childPath, "0"), out);
            } else {
                Kind kind = switch (type) {
                    case "boolean" -> Kind.BOOLEAN;
                    case "integer" -> Kind.INTEGER;
                    default -> Kind.STRING;
                };
                out.put(prefix + name, new Field(prefix + name, childPath, kind));
            }
        }
    }

    private static String[] append(String[] path, String element) {
        String[] next = java.util.Arrays.copyOf(path, path.length + 1);
        next[path.length] = element;
        return next;
    }
}
