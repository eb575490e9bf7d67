package dev.authdoctor.io;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.authdoctor.model.Incident;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reads incidents from JSON and checks them against the published contract, {@code incident.schema.json}.
 * Never throws on bad input: it answers {@link ReadResult.Rejected} with errors that name the field.
 * Thread-safe; build one and share it.
 */
public final class IncidentReader {

    private static final String SCHEMA = "/dev/authdoctor/io/incident.schema.json";

    /** Deepest nesting read: the contract itself is three levels deep. Deeper input is rejected, not parsed. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest string read, in characters: the contract's longest field is 20,000. */
    public static final int MAX_STRING_LENGTH = 100_000;
    /** Most JSON tokens in one record: a full incident with 100 authenticators has under 3,000. */
    public static final long MAX_TOKENS = 20_000;

    private final JsonMapper mapper;
    private final Schema schema;

    public IncidentReader() {
        // Limits keep a hostile record cheap: past them, parsing stops and the record is rejected.
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_LENGTH).maxTokenCount(MAX_TOKENS)
                .maxNumberLength(100).build()).build();
        this.mapper = JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(config));
        try (InputStream in = IncidentReader.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("incident contract missing from the class path: " + SCHEMA);
            }
            // The contract's $id is relative; give it the base it is published under.
            this.schema = registry.getSchema(SchemaLocation.of("https://authdoctor.dev/schema/incident.schema.json"), in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one incident from the text of one JSON object. */
    public ReadResult read(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            return new ReadResult.Rejected(null, List.of("over a limit: " + e.getOriginalMessage().replaceAll(", from `[^`]*`", "")));
        } catch (JacksonException e) {
            return new ReadResult.Rejected(null, List.of("not valid JSON: " + e.getOriginalMessage() + at(e)));
        }
        return read(node);
    }

    /** Whether the text starts a JSON value that ends too soon: the first line of a pretty-printed object. */
    boolean opensUnfinishedValue(String text) {
        try {
            mapper.readTree(text);
            return false;
        } catch (UnexpectedEndOfInputException e) {
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Whether the text is exactly one JSON value, nothing after it. */
    boolean isSingleValue(String text) {
        try {
            return mapper.readTree(text) != null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Reads one incident from a parsed JSON value. */
    public ReadResult read(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return new ReadResult.Rejected(null, List.of("empty record: expected a JSON object"));
        }
        if (!node.isObject()) {
            return new ReadResult.Rejected(null, List.of("expected a JSON object, got " + kind(node)));
        }
        String id = node.path("id").isString() ? node.path("id").asString() : null;
        List<Error> problems = schema.validate(node);
        if (!problems.isEmpty()) {
            return new ReadResult.Rejected(id, problems.stream().map(IncidentReader::describe).distinct().toList());
        }
        try {
            return new ReadResult.Accepted(mapper.treeToValue(node, Incident.class));
        } catch (JacksonException e) {
            // Valid by the schema yet not bindable, e.g. an integer too large for the field.
            return new ReadResult.Rejected(id, List.of(path(e) + ": " + e.getOriginalMessage()));
        }
    }

    private static String at(JacksonException e) {
        return e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(record)" : sb.toString();
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
