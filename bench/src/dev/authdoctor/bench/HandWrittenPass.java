package dev.authdoctor.bench;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The floor for a cold {@code authdoctor batch} run (issue 12), written the way one would by hand: one thread reads
 * a JSON Lines export line by line, parses each whole record with Jackson (the library's Jackson 3), checks the
 * fields it reads (a JSON object with an id, known top-level fields, the enums the rows compare), decides with
 * {@link HandWrittenTable}'s if/else over the 13 rows, and writes one JSON line per record, rejected lines
 * included (bad JSON, invalid UTF-8, an empty line, an unknown field or value), so no record is dropped. It checks
 * less than the contract's schema does (nested field names and formats go unchecked). Run as a fresh JVM by
 * {@code bench/cold-batch.sh}; not a test.
 *
 * <pre>HandWrittenPass INPUT.jsonl OUTPUT.jsonl</pre>
 */
public final class HandWrittenPass {

    private static final Set<String> FIELDS = Set.of("id", "reportedAt", "symptom", "description", "error", "user",
            "authenticators", "device", "service", "activationEmail", "access", "passwordPolicy", "settings", "remediationAttempts");
    private static final Set<String> SYMPTOMS = Set.of("ST_UNLOCK_CANNOT_COMPLETE", "CANNOT_LOG_IN", "ACTIVATION_EMAIL_NOT_RECEIVED",
            "TOKEN_ACTIVATION_FAILED", "TOKEN_NOT_WORKING", "NEW_PASSWORD_REJECTED", "OTHER", "ST_APP_PIN_LOCKED", "OTP_NOT_OFFERED",
            "GRID_NOT_ACCEPTED", "PASSKEY_REGISTRATION_FAILED");
    /** The enum-valued fields the rows compare, by object, with their values. */
    private static final Map<String, Map<String, Set<String>>> ENUMS = Map.of(
            "error", Map.of("source", Set.of("ENTRUST_ST_APP", "GOOGLE_AUTHENTICATOR_APP", "SMART_CREDENTIAL_APP",
                    "RESET_TOKEN_WINDOW", "ADMIN_PORTAL", "USER_PORTAL", "OTHER")),
            "user", Map.of("state", Set.of("ACTIVE", "INACTIVE"), "role", Set.of("USER", "ADMINISTRATOR", "SUPER_ADMINISTRATOR")));
    private static final Set<String> TYPES = Set.of("ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR", "ENTRUST_PHYSICAL_TOKEN",
            "OATH_PHYSICAL_TOKEN", "ENTRUST_LEGACY_TOKEN", "MOBILE_SMART_CREDENTIAL", "PASSWORD", "GRID", "OTP", "FIDO", "KBA", "OTHER");
    private static final Set<String> STATES = Set.of("NEW", "ACTIVATING", "ACTIVE", "INACTIVE", "UNASSIGNED", "PENDING", "CANCELED");

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HandWrittenPass INPUT.jsonl OUTPUT.jsonl");
            System.exit(2);
        }
        JsonMapper mapper = JsonMapper.builder().build();
        long line = 0;
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[1])), 1 << 16);
             JsonGenerator json = mapper.writer().withRootValueSeparator("\n").createGenerator(out)) {
            Lines lines = new Lines(in);
            while (lines.next()) {
                line++;
                JsonNode record = null;
                String error;
                if (lines.length == 0) {
                    error = "empty line";
                } else {
                    try {
                        // bytes, not a decoded String: Jackson rejects invalid UTF-8 itself
                        record = mapper.readTree(lines.buffer, 0, lines.length);
                        error = check(record);
                    } catch (JacksonException e) {
                        error = "not JSON: " + e.getOriginalMessage();
                    }
                }
                json.writeStartObject();
                json.writeNumberProperty("line", line);
                json.writeStringProperty("incidentId", record == null ? null : HandWrittenTable.text(record, "id"));
                if (error == null) {
                    HandWrittenTable.Plan plan = HandWrittenTable.decide(record);
                    writeArray(json, "problems", plan.problems());
                    writeArray(json, "causes", plan.causes());
                    writeArray(json, "steps", plan.steps());
                    json.writeStringProperty("escalation", plan.escalation());
                } else {
                    writeArray(json, "errors", List.of(error));
                }
                json.writeEndObject();
            }
            if (line > 0) {
                json.writeRaw('\n'); // the separator goes between lines; the last line ends too
            }
        }
        System.err.println("records: " + line);
    }

    /** The first problem with what the rows read; null when the record can be decided. */
    static String check(JsonNode r) {
        if (!r.isObject()) {
            return "expected a JSON object";
        }
        JsonNode id = r.get("id");
        if (id == null || !id.isString() || id.asString().isEmpty()) {
            return "id: missing or not a string";
        }
        for (String name : r.propertyNames()) {
            if (!FIELDS.contains(name)) {
                return name + ": unknown field";
            }
        }
        String symptom = HandWrittenTable.text(r, "symptom");
        if (r.has("symptom") && (symptom == null || !SYMPTOMS.contains(symptom))) {
            return "symptom: not a known symptom";
        }
        for (Map.Entry<String, Map<String, Set<String>>> object : ENUMS.entrySet()) {
            JsonNode o = r.get(object.getKey());
            if (o == null) {
                continue;
            }
            for (Map.Entry<String, Set<String>> field : object.getValue().entrySet()) {
                JsonNode v = o.get(field.getKey());
                if (v != null && !(v.isString() && field.getValue().contains(v.asString()))) {
                    return object.getKey() + "." + field.getKey() + ": " + v + " is not one of " + field.getValue();
                }
            }
        }
        JsonNode authenticators = r.get("authenticators");
        if (authenticators != null) {
            if (!authenticators.isArray()) {
                return "authenticators: expected an array";
            }
            int k = 0;
            for (JsonNode a : authenticators) {
                String type = HandWrittenTable.text(a, "type");
                if (type == null || !TYPES.contains(type)) {
                    return "authenticators[" + k + "].type: missing or not a known type";
                }
                JsonNode state = a.get("state");
                if (state != null && !(state.isString() && STATES.contains(state.asString()))) {
                    return "authenticators[" + k + "].state: " + state + " is not a known state";
                }
                k++;
            }
        }
        return null;
    }

    private static void writeArray(JsonGenerator json, String name, List<String> values) {
        json.writeArrayPropertyStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    /** A byte line reader: each line's bytes without its end of line, in a buffer reused from line to line. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int at;
        private int end;
        byte[] buffer = new byte[1024];
        int length;

        Lines(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            length = 0;
            boolean any = false;
            while (true) {
                if (at == end) {
                    end = in.read(chunk);
                    at = 0;
                    if (end <= 0) {
                        end = 0;
                        break;
                    }
                }
                any = true;
                int from = at;
                while (at < end && chunk[at] != '\n') {
                    at++;
                }
                append(from, at - from);
                if (at < end) {
                    at++; // the end of line
                    break;
                }
            }
            if (!any) {
                return false;
            }
            if (length > 0 && buffer[length - 1] == '\r') {
                length--;
            }
            return true;
        }

        private void append(int from, int count) {
            if (length + count > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
            }
            System.arraycopy(chunk, from, buffer, length, count);
            length += count;
        }
    }
}
