package dev.authdoctor.io;

import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.ContractSchemaCases.Case;
import dev.authdoctor.io.ContractSchemaCases.Constraint;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast check against the schema validator over many seeded records: it never accepts a record the
 * schema rejects, and it does accept the valid records real exports are made of, so the schema is skipped
 * where it matters.
 */
class FastContractDifferentialTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final IncidentReader READER = new IncidentReader();
    private static final long SEED = 20261128L;

    /** Values a field may be mutated to: every JSON type, the edges of every limit, spellings of times. */
    private static final List<JsonNode> VALUES = values();

    @Test
    void validGeneratedRecordsTakeTheFastPath() throws Exception {
        List<JsonNode> valid = validCorpus();
        int schemaValid = 0;
        int fast = 0;
        List<String> unsound = new ArrayList<>();
        for (JsonNode r : valid) {
            boolean ok = IncidentContract.schemaErrors(r).isEmpty();
            boolean accepted = FastContract.accepts(r);
            if (accepted && !ok) {
                unsound.add(r.toString());
            }
            schemaValid += ok ? 1 : 0;
            fast += ok && accepted ? 1 : 0;
        }
        assertThat(unsound).isEmpty();
        assertThat(schemaValid).as("generated records the schema finds valid").isEqualTo(valid.size());
        assertThat(fast).as("valid records on the fast path, of " + schemaValid).isGreaterThanOrEqualTo(schemaValid * 99 / 100);
    }

    @Test
    void incidentsBuiltInJavaTakeTheFastPathToo() throws Exception {
        int built = 0;
        for (JsonNode r : validCorpus()) {
            if (READER.read(r) instanceof ReadResult.Accepted a) {
                built++;
                assertThat(FastContract.accepts(IncidentTree.toTree(a.incident()))).as(r.toString()).isTrue();
            }
        }
        assertThat(built).isGreaterThan(6000);
    }

    @Test
    void theFastCheckNeverAcceptsARecordTheSchemaRejects() throws Exception {
        Random random = new Random(SEED);
        List<JsonNode> valid = validCorpus();
        JsonNode full = ContractSchemaCases.example(ContractSchemaCases.schema());
        valid.add(full);
        List<String> unsound = new ArrayList<>();
        int rejected = 0;
        int acceptedByBoth = 0;
        int declinedValid = 0;
        for (int i = 0; i < 10_000; i++) {
            // Mostly the record with every field, so every field is mutated often; the rest from the generators.
            JsonNode record = (random.nextInt(3) == 0 ? valid.get(random.nextInt(valid.size())) : full).deepCopy();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                record = mutate(record, random);
            }
            // As built in memory, and as the reader would parse it from text (1.0, big integers, surrogates).
            for (JsonNode x : List.of(record, ContractSchemaCases.MAPPER.readTree(record.toString()))) {
                boolean ok = IncidentContract.schemaErrors(x).isEmpty();
                boolean fast = FastContract.accepts(x);
                if (fast && !ok) {
                    unsound.add(shorten(x) + " -> " + IncidentContract.schemaErrors(x));
                }
                rejected += ok ? 0 : 1;
                acceptedByBoth += ok && fast ? 1 : 0;
                declinedValid += ok && !fast ? 1 : 0;
            }
        }
        assertThat(unsound).isEmpty();
        // The mutations reach both sides of the contract, and the fast check does not just decline everything.
        assertThat(rejected).isGreaterThan(10_000);
        assertThat(acceptedByBoth).isGreaterThan(2_500);
        // Valid records it leaves to the schema (1.0 for 1, leap seconds, -00:00 and such) are the rare kind.
        assertThat(declinedValid).isLessThan(acceptedByBoth / 20);
    }

    @Test
    void everyMutationValueAtEveryFieldOfTheFullRecord() {
        // Systematic, beside the random walk above: each edge value (times, lengths, numbers, types) in each place.
        JsonNode full = ContractSchemaCases.example(ContractSchemaCases.schema());
        List<List<Object>> paths = new ArrayList<>();
        collect(full, List.of(), paths);
        List<String> unsound = new ArrayList<>();
        int rejected = 0;
        int accepted = 0;
        for (List<Object> at : paths) {
            for (JsonNode value : VALUES) {
                JsonNode x = ContractSchemaCases.replaced(full, at, value.deepCopy());
                boolean ok = IncidentContract.schemaErrors(x).isEmpty();
                if (FastContract.accepts(x) && !ok) {
                    unsound.add(at + " <- " + shorten(value) + ": " + IncidentContract.schemaErrors(x));
                }
                rejected += ok ? 0 : 1;
                accepted += ok && FastContract.accepts(x) ? 1 : 0;
            }
        }
        assertThat(unsound).isEmpty();
        assertThat(rejected).isGreaterThan(paths.size() * VALUES.size() / 2);
        assertThat(accepted).isGreaterThan(200);
    }

    @Test
    void singleConstraintCasesOnGeneratedRecordsAreNeverAcceptedWhenInvalid() throws Exception {
        // The schema-derived cases again, applied to generated records rather than the full one where the path exists.
        JsonNode schema = ContractSchemaCases.schema();
        Random random = new Random(SEED + 1);
        List<JsonNode> valid = validCorpus();
        int checked = 0;
        for (Constraint c : ContractSchemaCases.constraints(schema)) {
            for (int k = 0; k < 20; k++) {
                JsonNode base = valid.get(random.nextInt(valid.size()));
                if (!reaches(base, c)) {
                    continue;
                }
                for (Case x : ContractSchemaCases.cases(c, base)) {
                    boolean ok = IncidentContract.schemaErrors(x.record()).isEmpty();
                    if (FastContract.accepts(x.record())) {
                        assertThat(ok).as(x.name() + " on " + shorten(base)).isTrue();
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    /** Records the generators and the examples call valid, parsed as the reader parses them. */
    private static List<JsonNode> validCorpus() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : propertyGenerator(SEED, 4_000)) {
            out.add(ContractSchemaCases.MAPPER.readTree(line));
        }
        ExportGenerator export = new ExportGenerator(SEED);
        for (int n = 0; n < 4_000; n++) {
            out.add(ContractSchemaCases.MAPPER.readTree(ExportGenerator.toJsonLine(export.record(n))));
        }
        for (String line : Files.readAllLines(Path.of("examples/incidents.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(ContractSchemaCases.MAPPER.readTree(line));
            }
        }
        return out;
    }

    /**
     * Lines from the properties tests' generator. It is package-private in its own package; reflection
     * reuses it as it is rather than copying it here.
     */
    private static List<String> propertyGenerator(long seed, int count) throws Exception {
        Class<?> type = Class.forName("dev.authdoctor.properties.IncidentGenerator");
        Constructor<?> make = type.getDeclaredConstructor(long.class);
        make.setAccessible(true);
        Object generator = make.newInstance(seed);
        Method next = type.getDeclaredMethod("next", int.class);
        next.setAccessible(true);
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            lines.add((String) next.invoke(generator, n));
        }
        return lines;
    }

    /** One random edit: a value replaced, a field removed, an unknown field added, or a list grown to its limit. */
    private static JsonNode mutate(JsonNode record, Random random) {
        List<List<Object>> paths = new ArrayList<>();
        collect(record, List.of(), paths);
        List<Object> at = paths.get(random.nextInt(paths.size()));
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> at.isEmpty() ? record : ContractSchemaCases.replaced(record, at, VALUES.get(random.nextInt(VALUES.size())).deepCopy());
            case 5 -> ContractSchemaCases.edited(record, at, n -> {
                if (n instanceof ObjectNode o && !o.isEmpty()) {
                    List<String> names = new ArrayList<>(o.propertyNames());
                    o.remove(names.get(random.nextInt(names.size())));
                }
            });
            case 6 -> ContractSchemaCases.edited(record, at, n -> {
                if (n instanceof ObjectNode o) {
                    o.set(random.nextBoolean() ? "zzUnknown" : "Id", VALUES.get(random.nextInt(VALUES.size())).deepCopy());
                }
            });
            case 7 -> ContractSchemaCases.edited(record, at, n -> {
                if (n instanceof ArrayNode a && !a.isEmpty()) {
                    JsonNode item = a.get(0);
                    int target = random.nextBoolean() ? 100 : 101;
                    while (a.size() < target) {
                        a.add(item.deepCopy());
                    }
                }
            });
            case 8 -> ContractSchemaCases.edited(record, at, n -> {
                if (n instanceof ArrayNode a) {
                    a.add(random.nextBoolean() ? NODES.nullNode() : VALUES.get(random.nextInt(VALUES.size())).deepCopy());
                }
            });
            default -> ContractSchemaCases.edited(record, at, n -> {
                // A field of the contract moved to where it does not belong: a nested unknown.
                if (n instanceof ObjectNode o) {
                    o.put(random.nextBoolean() ? "type" : "message", "OTHER");
                }
            });
        };
    }

    private static void collect(JsonNode node, List<Object> at, List<List<Object>> out) {
        out.add(at);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> p : node.properties()) {
                collect(p.getValue(), ContractSchemaCases.append(at, p.getKey()), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), ContractSchemaCases.append(at, i), out);
            }
        }
    }

    /**
     * Whether a case can be applied to the record: the object a keyword such as required is about exists,
     * or, for a value to be replaced, its parent (and an array's first item) does.
     */
    private static boolean reaches(JsonNode record, Constraint c) {
        boolean whole = c.keyword().equals("required") || c.keyword().equals("additionalProperties");
        List<Object> at = c.at();
        JsonNode n = record;
        for (int i = 0; i < at.size(); i++) {
            Object step = at.get(i);
            boolean last = i == at.size() - 1;
            if (last && !whole && !(step instanceof Integer)) {
                return n.isObject();
            }
            n = step instanceof Integer k ? (n.isArray() ? n.get(k) : null) : (n.isObject() ? n.get((String) step) : null);
            if (n == null) {
                return false;
            }
        }
        return !whole || n.isObject();
    }

    private static List<JsonNode> values() {
        List<JsonNode> v = new ArrayList<>();
        v.add(NODES.nullNode());
        v.add(NODES.booleanNode(true));
        v.add(NODES.booleanNode(false));
        for (long n : new long[]{0, 1, -1, 2, 255, 256, 315_576_000, 315_576_001, -315_576_000, -315_576_001,
                Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            v.add(NODES.numberNode(n));
            if (n == (int) n) {
                v.add(NODES.numberNode((int) n));
            }
        }
        v.add(NODES.numberNode(BigInteger.TWO.pow(70)));
        v.add(NODES.numberNode(BigInteger.ONE));
        v.add(NODES.numberNode(1.0));
        v.add(NODES.numberNode(1.5));
        v.add(NODES.numberNode(-0.0));
        v.add(NODES.numberNode(1e3));
        v.add(NODES.numberNode(new BigDecimal("300.000")));
        for (String s : List.of("", "x", " ", "ACTIVE", "active", "OTHER", "PUBLIC", "ENTRUST_SOFT_TOKEN", "TOKEN_NOT_WORKING", "EMAIL",
                "USER", "IOS", "RESET_TOKEN_WINDOW", "null", "true", "1")) {
            v.add(NODES.stringNode(s));
        }
        for (int length : new int[]{199, 200, 201, 20_000, 20_001}) {
            v.add(NODES.stringNode("y".repeat(length)));
        }
        v.add(NODES.stringNode("\uD83D\uDD11".repeat(200)));
        v.add(NODES.stringNode("\uD83D\uDD11".repeat(201)));
        v.add(NODES.stringNode("\uD83D\uDD11".repeat(10_000) + "y".repeat(10_000)));
        v.add(NODES.stringNode("\uD83D\uDD11".repeat(10_001) + "y".repeat(10_000)));
        v.add(NODES.stringNode("\uD83D")); // a lone surrogate
        for (String t : List.of("2026-11-28T09:15:00Z", "2026-11-28t09:15:00z", "2026-11-28T09:15:00", "2026-11-28 09:15:00Z",
                "2026-11-28T24:00:00Z", "2026-11-28T23:59:60Z", "1990-12-31T23:59:60Z", "2016-12-31T23:59:60Z",
                "2026-11-28T09:15:00.123456789Z", "2026-11-28T09:15:00.1234567891Z", "2026-11-28T09:15:00.Z",
                "2026-11-28T09:15:00+17:59", "2026-11-28T09:15:00+18:00", "2026-11-28T09:15:00+23:59", "2026-11-28T09:15:00+24:00",
                "2026-11-28T09:15:00-00:00", "2026-11-28T09:15:00+0100", "2026-11-28T09:15:00+01", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-1-28T09:15:00Z",
                "2026-11-28T09:15:00ZZ", "2026-11-28T09:15:00Z ", " 2026-11-28T09:15:00Z", "2026-11-28T09:15Z",
                "2026-11-28T09:15:00,5Z", "2026-11-28T09:15:00.5+01:00", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
                "２026-11-28T09:15:00Z")) {
            v.add(NODES.stringNode(t));
        }
        v.add(NODES.objectNode());
        v.add(NODES.objectNode().put("zz", 1));
        v.add(NODES.objectNode().put("message", "m"));
        v.add(NODES.objectNode().put("type", "OTHER"));
        v.add(NODES.objectNode().putNull("network"));
        v.add(NODES.arrayNode());
        v.add(NODES.arrayNode().addNull());
        v.add(NODES.arrayNode().add(NODES.objectNode()));
        v.add(NODES.arrayNode().add(NODES.objectNode().put("type", "OTHER")));
        v.add(NODES.arrayNode().add(NODES.objectNode().put("type", "OTHER").put("zz", 1)));
        v.add(NODES.arrayNode().add(NODES.objectNode().put("type", "other")));
        v.add(NODES.arrayNode().add("OTHER"));
        return List.copyOf(v);
    }

    private static String shorten(JsonNode n) {
        String s = n.toString();
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
