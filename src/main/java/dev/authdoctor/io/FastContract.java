package dev.authdoctor.io;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A quick, conservative check of an incident's JSON against {@code incident.schema.json}: it answers
 * "certainly valid" or "don't know", never "invalid". A record it accepts skips the full JSON-schema
 * validator, which costs more than the rest of reading a record; a record it declines goes to that
 * validator, which decides and explains. So it may decline a valid record, but must never accept one the
 * schema rejects.
 *
 * <p>Its limits are compiled from the schema file itself, so they are written in one place. It knows a
 * small subset of JSON Schema; a subschema using any other keyword (or a keyword in a form it does not
 * know) is compiled to "decline", which keeps it sound, and is listed in {@link #unsupported()} so a test
 * notices that the fast path has lost ground.
 */
final class FastContract {

    private static final String SCHEMA = "/dev/authdoctor/io/incident.schema.json";

    /** Keywords that only annotate: they constrain nothing, so the fast check may ignore them. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "examples", "default", "deprecated", "readOnly", "writeOnly");

    private static final int OBJECT = 1;
    private static final int ARRAY = 2;
    private static final int STRING = 4;
    private static final int BOOLEAN = 8;
    private static final int INTEGER = 16;
    private static final int NULL = 32;
    private static final Map<String, Integer> TYPES = Map.of("object", OBJECT, "array", ARRAY, "string", STRING,
            "boolean", BOOLEAN, "integer", INTEGER, "null", NULL);

    private static final FastContract SHIPPED = load();

    private final Rule root;
    private final List<String> unsupported;

    private FastContract(Rule root, List<String> unsupported) {
        this.root = root;
        this.unsupported = List.copyOf(unsupported);
    }

    /** Whether the record certainly meets the contract; false means "ask the schema". */
    static boolean accepts(JsonNode record) {
        return SHIPPED.root.accepts(record);
    }

    /** The shipped contract's fast check, for tests. */
    static FastContract shipped() {
        return SHIPPED;
    }

    /** The schema paths and keywords this check could not compile, and so always declines; empty when it knows them all. */
    List<String> unsupported() {
        return unsupported;
    }

    /** Compiles a fast check from a JSON schema document. */
    static FastContract compile(JsonNode schema) {
        List<String> unsupported = new ArrayList<>();
        Rule root = compile(schema, "#", unsupported);
        return new FastContract(root, unsupported);
    }

    boolean check(JsonNode record) {
        return root.accepts(record);
    }

    private static FastContract load() {
        try (InputStream in = FastContract.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("incident contract missing from the class path: " + SCHEMA);
            }
            return compile(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Rule compile(JsonNode schema, String at, List<String> unsupported) {
        Rule rule = new Rule();
        if (schema.isBoolean()) {
            rule.declines = !schema.booleanValue(); // true accepts anything; false nothing
            return rule;
        }
        if (!schema.isObject()) {
            return unsupported(rule, at, "a schema that is not an object", unsupported);
        }
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String keyword = e.getKey();
            JsonNode v = e.getValue();
            String where = at + "/" + keyword;
            boolean known = switch (keyword) {
                case "type" -> (rule.types = types(v)) != 0;
                case "enum" -> (rule.enumValues = strings(v)) != null;
                case "required" -> (rule.required = strings(v)) != null;
                case "properties" -> {
                    if (!v.isObject()) {
                        yield false;
                    }
                    rule.properties = new HashMap<>();
                    for (Map.Entry<String, JsonNode> p : v.properties()) {
                        rule.properties.put(p.getKey(), compile(p.getValue(), where + "/" + p.getKey(), unsupported));
                    }
                    yield true;
                }
                case "additionalProperties" -> {
                    // Only "false" is known: the record may hold nothing but the listed properties.
                    rule.closed = v.isBoolean() && !v.booleanValue();
                    yield v.isBoolean();
                }
                case "items" -> {
                    rule.items = compile(v, where, unsupported);
                    yield true;
                }
                case "maxItems" -> (rule.maxItems = count(v)) >= 0;
                case "minLength" -> (rule.minLength = count(v)) >= 0;
                case "maxLength" -> (rule.maxLength = count(v)) >= 0;
                case "minimum" -> {
                    rule.minimum = v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null;
                    yield rule.minimum != null;
                }
                case "maximum" -> {
                    rule.maximum = v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null;
                    yield rule.maximum != null;
                }
                case "format" -> (rule.dateTime = v.isString() && "date-time".equals(v.asString()));
                default -> ANNOTATIONS.contains(keyword);
            };
            if (!known) {
                unsupported(rule, where, v.toString(), unsupported);
            }
        }
        if (rule.closed && rule.properties == null) {
            rule.properties = Map.of();
        }
        return rule;
    }

    private static Rule unsupported(Rule rule, String at, String what, List<String> unsupported) {
        unsupported.add(at + ": " + what);
        rule.declines = true;
        return rule;
    }

    /** The type keyword as a set of bits; 0 for a form or a type name this check does not know ("number"). */
    private static int types(JsonNode v) {
        if (v.isString()) {
            return TYPES.getOrDefault(v.asString(), 0);
        }
        if (!v.isArray() || v.isEmpty()) {
            return 0;
        }
        int bits = 0;
        for (JsonNode t : v) {
            int bit = t.isString() ? TYPES.getOrDefault(t.asString(), 0) : 0;
            if (bit == 0) {
                return 0;
            }
            bits |= bit;
        }
        return bits;
    }

    /** An array of strings as a set; null when it holds anything else (an enum of numbers is not known here). */
    private static Set<String> strings(JsonNode v) {
        if (!v.isArray()) {
            return null;
        }
        Set<String> out = new HashSet<>();
        for (JsonNode s : v) {
            if (!s.isString()) {
                return null;
            }
            out.add(s.asString());
        }
        return out;
    }

    /** A non-negative integer limit, or -1 when the value is not one. */
    private static int count(JsonNode v) {
        return v.isInt() && v.intValue() >= 0 ? v.intValue() : -1;
    }

    /** One compiled subschema. Unset constraints are null, -1 or 0 (no type). */
    private static final class Rule {
        boolean declines;
        int types;
        Set<String> enumValues;
        Set<String> required;
        Map<String, Rule> properties;
        boolean closed;
        Rule items;
        int maxItems = -1;
        int minLength = -1;
        int maxLength = -1;
        Long minimum;
        Long maximum;
        boolean dateTime;

        boolean accepts(JsonNode node) {
            if (declines) {
                return false;
            }
            if (types != 0 && (types & typeOf(node)) == 0) {
                return false;
            }
            if (enumValues != null && !(node.isString() && enumValues.contains(node.asString()))) {
                return false;
            }
            if (node.isString()) {
                return acceptsString(node.asString());
            }
            if (node.isNumber()) {
                return acceptsNumber(node);
            }
            if (node.isObject()) {
                return acceptsObject(node);
            }
            if (node.isArray()) {
                return acceptsArray(node);
            }
            return true;
        }

        private boolean acceptsString(String s) {
            // The schema counts code points: a string's UTF-16 length is never fewer, its code points never more.
            if (maxLength >= 0 && s.length() > maxLength && s.codePointCount(0, s.length()) > maxLength) {
                return false;
            }
            if (minLength > 0 && (s.length() < minLength || s.codePointCount(0, s.length()) < minLength)) {
                return false;
            }
            return !dateTime || DateTimes.certainlyValid(s);
        }

        private boolean acceptsNumber(JsonNode n) {
            if (minimum == null && maximum == null) {
                return true;
            }
            if (!(n.isInt() || n.isLong())) {
                return false; // 1.0, 1e3, huge values: left to the schema
            }
            long v = n.longValue();
            return (minimum == null || v >= minimum) && (maximum == null || v <= maximum);
        }

        private boolean acceptsObject(JsonNode o) {
            if (required != null) {
                for (String name : required) {
                    if (!o.has(name)) {
                        return false;
                    }
                }
            }
            if (properties == null) {
                return true;
            }
            for (Map.Entry<String, JsonNode> p : o.properties()) {
                Rule rule = properties.get(p.getKey());
                if (rule == null) {
                    if (closed) {
                        return false;
                    }
                } else if (!rule.accepts(p.getValue())) {
                    return false;
                }
            }
            return true;
        }

        private boolean acceptsArray(JsonNode a) {
            if (maxItems >= 0 && a.size() > maxItems) {
                return false;
            }
            if (items != null) {
                for (JsonNode item : a) {
                    if (!items.accepts(item)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The node's type bits; an integer is only one Jackson holds as an int or long (not 1.0, not a big integer). */
        private static int typeOf(JsonNode node) {
            if (node.isObject()) {
                return OBJECT;
            }
            if (node.isArray()) {
                return ARRAY;
            }
            if (node.isString()) {
                return STRING;
            }
            if (node.isBoolean()) {
                return BOOLEAN;
            }
            if (node.isNull()) {
                return NULL;
            }
            return node.isInt() || node.isLong() ? INTEGER : 0;
        }
    }

    /**
     * RFC 3339 date-times in their plainest spelling: {@code 2026-11-28T09:15:00Z}, an optional fraction of up
     * to nine digits, an offset of {@code Z} or {@code ±hh:mm} up to 17:59. Anything else (lower-case t or z,
     * leap seconds, odd offsets) is left to the schema's own parser.
     */
    static final class DateTimes {
        private DateTimes() {
        }

        static boolean certainlyValid(String s) {
            int n = s.length();
            if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                    || s.charAt(16) != ':') {
                return false;
            }
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                    || minute < 0 || minute > 59 || second < 0 || second > 59) {
                return false;
            }
            int i = 19;
            if (s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start || i - start > 9) {
                    return false;
                }
            }
            if (i == n - 1) {
                return s.charAt(i) == 'Z';
            }
            if (i != n - 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
                return false;
            }
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            return offsetHours >= 0 && offsetHours <= 17 && offsetMinutes >= 0 && offsetMinutes <= 59;
        }

        /**
         * The instant a date-time in that plainest spelling names, or null for any other spelling: reading it by hand
         * skips the general date-time parser, which cost about 3 % of a batch (each record has several).
         */
        static java.time.Instant plainInstant(String s) {
            if (!certainlyValid(s)) {
                return null;
            }
            long days = java.time.LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)).toEpochDay();
            long seconds = days * 86_400L + digits(s, 11, 2) * 3_600L + digits(s, 14, 2) * 60L + digits(s, 17, 2);
            int nanos = 0;
            int i = 19;
            if (s.charAt(i) == '.') {
                int scale = 100_000_000;
                for (i++; isDigit(s.charAt(i)); i++) {
                    nanos += (s.charAt(i) - '0') * scale;
                    scale /= 10;
                }
            }
            if (s.charAt(i) != 'Z') {
                int offset = digits(s, i + 1, 2) * 3_600 + digits(s, i + 4, 2) * 60;
                seconds -= s.charAt(i) == '+' ? offset : -offset;
            }
            return java.time.Instant.ofEpochSecond(seconds, nanos);
        }

        private static int daysIn(int year, int month) {
            return switch (month) {
                case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
        }

        /** The value of {@code count} ASCII digits at {@code from}; -1 if any is not one. */
        private static int digits(String s, int from, int count) {
            int v = 0;
            for (int k = from; k < from + count; k++) {
                char c = s.charAt(k);
                if (!isDigit(c)) {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
