package dev.authdoctor.io;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a foreign export's columns (a ticket system's "Number", "Short description") become contract
 * fields, and optionally how its values become contract values. A JSON file:
 * <pre>{@code
 * {"columns": {"Number": "id", "Short description": "description", "Assigned to": "-"},
 *  "values":  {"symptom": {"Token not working": "TOKEN_NOT_WORKING"}}}
 * }</pre>
 * A column mapped to {@code "-"} is ignored on purpose.
 */
public record ColumnMap(Map<String, String> columns, Map<String, Map<String, String>> values) {

    public static final String IGNORE = "-";
    public static final ColumnMap NONE = new ColumnMap(Map.of(), Map.of());
    /** Jackson's words for a repeated key ("Duplicate Object property \"x\""). */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate .*?\"(.*)\"");

    public ColumnMap {
        columns = Map.copyOf(columns);
        values = Map.copyOf(values);
    }

    /** Reads a map file; a bad file is an {@link IllegalArgumentException} that says what is wrong and where. */
    public static ColumnMap read(Path file) throws IOException {
        JsonNode root;
        try {
            // Two entries for one key would silently leave the last one in force.
            root = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build().readTree(Files.readString(file));
        } catch (JacksonException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " line " + e.getLocation().getLineNr();
            java.util.regex.Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            throw new IllegalArgumentException(file + where + ": " + (duplicate.find()
                    ? "duplicate key \"" + duplicate.group(1) + "\" (each key may appear once)"
                    : "not valid JSON: " + e.getOriginalMessage()));
        }
        List<String> errors = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("columns").properties()) {
            String target = e.getValue().asString("");
            if (!IGNORE.equals(target) && !CsvSource.NO_AUTHENTICATORS_COLUMN.equals(target) && !ContractFields.all().containsKey(target)) {
                errors.add("columns.\"" + e.getKey() + "\": \"" + target + "\" is not a field of the incident contract");
            }
            columns.put(e.getKey(), target);
        }
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("values").properties()) {
            if (!ContractFields.all().containsKey(e.getKey())) {
                errors.add("values.\"" + e.getKey() + "\": not a field of the incident contract");
            }
            Map<String, String> m = new LinkedHashMap<>();
            e.getValue().properties().forEach(v -> m.put(v.getKey(), v.getValue().asString()));
            values.put(e.getKey(), m);
        }
        for (String key : root.propertyNames()) {
            if (!key.equals("columns") && !key.equals("values")) {
                errors.add(key + ": unknown field (expected \"columns\" and \"values\")");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", errors));
        }
        return new ColumnMap(columns, values);
    }

    /** The contract field a column feeds, {@link #IGNORE}, or null when neither the map nor the contract knows it. */
    String fieldFor(String column) {
        String mapped = columns.get(column);
        if (mapped != null) {
            return mapped;
        }
        String trimmed = column.strip();
        return ContractFields.all().containsKey(trimmed) || CsvSource.NO_AUTHENTICATORS_COLUMN.equals(trimmed) ? trimmed : null;
    }

    /** A cell's value in contract terms: mapped if the map names it, else as it is. */
    String valueFor(String field, String cell) {
        Map<String, String> m = values.get(field);
        if (m == null) {
            return cell;
        }
        return m.getOrDefault(cell, cell);
    }
}
