package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Reads incidents from JSON and checks them against the published contract, {@code incident.schema.json}.
 * Never throws on bad input: it answers {@link ReadResult.Rejected} with errors that name the field.
 * Thread-safe; build one and share it.
 */
public final class IncidentReader {

    /** Deepest nesting read: the contract itself is three levels deep. Deeper input is rejected, not parsed. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Longest string read, in characters: the contract's longest field is 20,000. */
    public static final int MAX_STRING_LENGTH = 100_000;
    /** Most JSON tokens in one record: a full incident with 100 authenticators has under 3,000. */
    public static final long MAX_TOKENS = 20_000;

    private final JsonMapper mapper;

    public IncidentReader() {
        // Limits keep a hostile record cheap: past them, parsing stops and the record is rejected.
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_LENGTH).maxTokenCount(MAX_TOKENS)
                .maxNumberLength(100).build()).build();
        this.mapper = JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Reads one incident from the text of one JSON object. */
    public ReadResult read(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            // a string too long is in a field, which the message should name; a record too deep or too long is not
            String field = e.getOriginalMessage().startsWith("String value length") ? fieldOverLimit(json) : "";
            return new ReadResult.Rejected(null, List.of(field + "over a limit: " + e.getOriginalMessage().replaceAll(", from `[^`]*`", "")));
        } catch (JacksonException e) {
            return new ReadResult.Rejected(null, List.of("not valid JSON: " + e.getOriginalMessage() + at(e)));
        }
        return read(node);
    }

    /**
     * The field being read when a limit was passed, as the contract names fields ({@code description: },
     * {@code authenticators[1].name: }); empty at the top level. Jackson's exception does not say, so the record is
     * read again token by token, only on this path, until the limit is met.
     */
    private String fieldOverLimit(String json) {
        try (tools.jackson.core.JsonParser p = mapper.createParser(json)) {
            try {
                for (tools.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == tools.jackson.core.JsonToken.VALUE_STRING || t == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                        p.getString(); // a string's length is checked when it is read
                    }
                }
            } catch (StreamConstraintsException e) {
                java.util.Deque<String> parts = new java.util.ArrayDeque<>(); // outermost first
                for (tools.jackson.core.TokenStreamContext c = p.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
                    if (c.inArray()) {
                        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
                    } else if (c.currentName() != null) {
                        parts.push(c.currentName());
                    }
                }
                StringBuilder sb = new StringBuilder();
                for (String part : parts) {
                    sb.append(part.startsWith("[") || sb.isEmpty() ? "" : ".").append(part);
                }
                return sb.isEmpty() ? "" : sb + ": ";
            }
        } catch (JacksonException e) {
            return "";
        }
        return "";
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

    /**
     * Reads one incident from a parsed JSON value. Package-private: the public API takes JSON as text, bytes
     * or files ({@code dev.authdoctor.api.IncidentJson}), never a JSON library's types.
     */
    ReadResult read(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return new ReadResult.Rejected(null, List.of("empty record: expected a JSON object"));
        }
        if (!node.isObject()) {
            return new ReadResult.Rejected(null, List.of("expected a JSON object, got " + IncidentContract.kind(node)));
        }
        String id = node.path("id").isString() ? node.path("id").asString() : null;
        List<String> errors = IncidentContract.errors(node);
        if (!errors.isEmpty()) {
            return new ReadResult.Rejected(id, errors);
        }
        return IncidentTree.fromCheckedTree(node);
    }

    private static String at(JacksonException e) {
        return e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")";
    }

}
