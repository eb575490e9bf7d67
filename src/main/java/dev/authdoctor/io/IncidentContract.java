package dev.authdoctor.io;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.InvalidIncidentException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The incident contract, {@code incident.schema.json}, as the one check both ways in go through: JSON
 * read by {@link IncidentReader}, and incidents built in Java ({@link Incident.Builder#build()}), which
 * are checked in their JSON form. So both reject the same things, with the same messages, and the
 * contract's limits are written down once, in the schema.
 */
public final class IncidentContract {

    private static final String SCHEMA = "/dev/authdoctor/io/incident.schema.json";
    /**
     * Set while {@link IncidentReader} builds an incident from a tree it has just checked, so the same
     * check is not run twice on the reading path (it costs more than the rest of the mapping).
     */
    private static final ThreadLocal<Boolean> CHECKED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private IncidentContract() {
    }

    /**
     * Checks an incident built in Java against the contract; called by {@link Incident.Builder#build()}.
     *
     * @throws InvalidIncidentException naming every field that breaks the contract
     */
    public static void requireValid(Incident incident) {
        if (CHECKED.get()) {
            return;
        }
        List<String> errors = errors(IncidentTree.toTree(incident));
        if (!errors.isEmpty()) {
            throw new InvalidIncidentException(errors);
        }
    }

    /** Builds an incident whose JSON form {@link #errors} has just found valid, without checking it again. */
    static Incident buildChecked(Incident.Builder builder) {
        CHECKED.set(Boolean.TRUE);
        try {
            return builder.build();
        } finally {
            CHECKED.set(Boolean.FALSE);
        }
    }

    /**
     * Every way a JSON record breaks the contract, in words, field path first; empty when it is valid.
     * A record the fast check finds certainly valid skips the schema validator; any other is decided and
     * explained by the validator, so the messages are the schema's.
     */
    static List<String> errors(JsonNode node) {
        return FastContract.accepts(node) ? List.of() : schemaErrors(node);
    }

    /** The schema validator's verdict alone, without the fast check (the differential tests compare the two). */
    static List<String> schemaErrors(JsonNode node) {
        List<Error> problems = Validator.CONTRACT.validate(node);
        return problems.isEmpty() ? List.of() : problems.stream().map(IncidentContract::describe).distinct().toList();
    }

    /** The full validator, loaded on first need: a run whose records all pass the fast check never loads it. */
    private static final class Validator {
        static final Schema CONTRACT = load();
    }

    private static Schema load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(config));
        try (InputStream in = IncidentContract.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("incident contract missing from the class path: " + SCHEMA);
            }
            // The contract's $id is relative; give it the base it is published under.
            return registry.getSchema(SchemaLocation.of("https://authdoctor.dev/schema/incident.schema.json"), in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema error in words, with the field path first: {@code user.state: "ENABLED" is not one of ACTIVE, INACTIVE}. */
    static String describe(Error e) {
        String field = field(e.getInstanceLocation());
        JsonNode value = e.getInstanceNode();
        JsonNode rule = e.getSchemaNode();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        return switch (keyword) {
            case "enum" -> field + ": " + value + " is not one of " + StreamSupport.stream(rule.spliterator(), false)
                    .map(JsonNode::asString).collect(Collectors.joining(", "));
            case "type" -> field + ": expected " + typeName(rule) + ", got " + kind(value)
                    + (value == null || value.isNull() || value.isContainer() ? "" : " " + shorten(value));
            case "additionalProperties" -> join(field, e.getProperty()) + ": unknown field";
            case "required" -> join(field, e.getProperty()) + ": is required";
            case "minLength" -> field + ": must not be shorter than " + rule.asInt() + " character(s)";
            case "maxLength" -> field + ": longer than the limit of " + rule.asInt() + " characters";
            case "minimum" -> field + ": " + value + " is below the minimum " + rule.asString();
            case "maximum" -> field + ": " + value + " is above the maximum " + rule.asString();
            case "maxItems" -> field + ": more than " + rule.asInt() + " items";
            case "format" -> field + ": " + shorten(value) + " is not a date-time (RFC 3339, e.g. 2026-11-28T09:15:00Z)";
            default -> field + ": " + e.getMessage();
        };
    }

    private static String field(NodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number n) {
                sb.append('[').append(n).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(element);
            }
        }
        return sb.length() == 0 ? "(record)" : sb.toString();
    }

    private static String join(String parent, String child) {
        if (child == null) {
            return parent;
        }
        return "(record)".equals(parent) ? child : parent + "." + child;
    }

    private static String typeName(JsonNode rule) {
        if (rule != null && rule.isArray()) {
            List<String> names = new ArrayList<>();
            rule.forEach(n -> names.add(n.asString()));
            return String.join(" or ", names);
        }
        return rule == null ? "?" : rule.asString();
    }

    static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isIntegralNumber() ? "an integer" : "a number";
    }

    private static String shorten(JsonNode value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
