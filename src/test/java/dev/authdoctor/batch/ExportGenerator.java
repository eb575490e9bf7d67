package dev.authdoctor.batch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic incident exports for tests and benchmarks, from a seed: a mix of every table row, copied
 * messages in their usual variants, messages no rule knows, and, if asked, a share of malformed lines.
 * The same records can be written as JSON Lines or as CSV, so both formats can be compared.
 */
public final class ExportGenerator {

    /** The CSV columns the generator fills, in order. */
    static final List<String> COLUMNS = List.of("id", "reportedAt", "symptom", "error.message", "error.source",
            "user.state", "user.locked", "user.role", "user.emailValid", "authenticator.type", "authenticator.state",
            "authenticator.appLocked", "authenticator.platform", "authenticator.activationExpiresAt",
            "device.clockSkewSeconds", "device.network", "service.network", "activationEmail.inSpamFolder",
            "access.resourceRuleAllowsUser", "passwordPolicy.newPasswordInHistory", "remediationAttempts", "authenticators");

    /** The seven messages the table knows in the order of its rows, then three it does not. */
    static final String[] MESSAGES = {
            "The soft token could not be activated because the activation code has expired. Return to your Identity Provider and attempt the action again.",
            "An identity with the specified name already exists.",
            "Invalid key - The key sequence of numbers and letters is invalid.",
            "Invalid Response.",
            "Certificate validation error communicating to https://tenant%d.us.trustedauth.com/. Contact your Identity Provider.",
            "Failed to activate your identity. Registration password has expired or is invalid. Return to Self-Service and request smart credential activation again.",
            "The password entered is incorrect or the link is corrupted. Try again.",
            "The OTP could not be delivered",
            "Push notification timed out",
            "Unexpected error %d"};

    private final Random random;

    public ExportGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** One valid record as flat fields (contract paths), of a kind picked at random. */
    public Map<String, String> record(int n) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("id", "INC" + (1_000_000 + n));
        r.put("reportedAt", "2026-11-2" + (1 + random.nextInt(8)) + "T" + String.format(Locale.ROOT, "%02d", random.nextInt(24)) + ":00:00Z");
        switch (random.nextInt(14)) {
            case 0 -> {
                r.put("symptom", "ST_UNLOCK_CANNOT_COMPLETE");
                r.put("user.locked", "true");
                r.put("authenticator.type", "ENTRUST_SOFT_TOKEN");
                r.put("authenticator.appLocked", "true");
            }
            case 1 -> {
                r.put("symptom", "CANNOT_LOG_IN");
                r.put("user.role", random.nextBoolean() ? "ADMINISTRATOR" : "SUPER_ADMINISTRATOR");
                r.put("authenticators", "none");
            }
            case 2 -> {
                r.put("symptom", "ACTIVATION_EMAIL_NOT_RECEIVED");
                if (random.nextBoolean()) {
                    r.put("activationEmail.inSpamFolder", "true");
                }
                if (random.nextInt(4) == 0) {
                    r.put("user.emailValid", "false");
                }
            }
            case 3 -> {
                r.put("symptom", "TOKEN_ACTIVATION_FAILED");
                r.put("authenticator.type", "ENTRUST_SOFT_TOKEN");
                r.put("authenticator.state", "ACTIVATING");
                r.put("authenticator.platform", pick("IOS", "ANDROID", "BLACKBERRY", "J2ME"));
            }
            case 4, 5 -> {
                r.put("symptom", "TOKEN_NOT_WORKING");
                if (random.nextBoolean()) {
                    r.put("user.state", pick("ACTIVE", "INACTIVE"));
                }
                if (random.nextBoolean()) {
                    r.put("user.locked", pick("true", "false"));
                }
                if (random.nextBoolean()) {
                    r.put("authenticator.type", pick("ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR"));
                    r.put("authenticator.state", pick("ACTIVE", "ACTIVATING", "INACTIVE", "NEW"));
                }
                if (random.nextBoolean()) {
                    r.put("device.clockSkewSeconds", Integer.toString(random.nextInt(1200) - 600));
                }
                if (random.nextInt(3) == 0) {
                    r.put("access.resourceRuleAllowsUser", pick("true", "false"));
                }
            }
            case 6 -> {
                r.put("symptom", "NEW_PASSWORD_REJECTED");
                r.put("passwordPolicy.newPasswordInHistory", "true");
            }
            default -> {
                int m = random.nextInt(MESSAGES.length);
                r.put("error.message", variant(MESSAGES[m].formatted(n)));
                if (m == 3) {
                    r.put("error.source", "RESET_TOKEN_WINDOW");
                }
                if (m == 4) {
                    r.put("device.network", pick("PUBLIC", "PRIVATE"));
                    r.put("service.network", pick("PUBLIC", "PRIVATE"));
                }
            }
        }
        if (random.nextInt(3) == 0) {
            r.put("remediationAttempts", Integer.toString(random.nextInt(4)));
        }
        return r;
    }

    private String variant(String m) {
        return variant(random, m);
    }

    /** A message as people copy it: upper case, an "Error:" prefix, curly quotes, no final period, or as shown. */
    static String variant(Random random, String m) {
        return switch (random.nextInt(6)) {
            case 0 -> m.toUpperCase(Locale.ROOT);
            case 1 -> "Error: " + m;
            case 2 -> "\u201C" + m + "\u201D";
            case 3 -> m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
            default -> m;
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    /** A record as one JSON Lines line. */
    public static String toJsonLine(Map<String, String> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            String key = e.getKey();
            Object value = jsonValue(key, e.getValue());
            if (key.equals("authenticators")) {
                root.put("authenticators", new ArrayList<>());
                continue;
            }
            String[] path = key.split("\\.");
            if (path[0].equals("authenticator")) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) root.computeIfAbsent("authenticators", k -> new ArrayList<>(List.of(new LinkedHashMap<>())));
                @SuppressWarnings("unchecked")
                Map<String, Object> a = (Map<String, Object>) list.get(0);
                a.put(path[1], value);
            } else if (path.length == 2) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) root.computeIfAbsent(path[0], k -> new LinkedHashMap<>());
                child.put(path[1], value);
            } else {
                root.put(key, value);
            }
        }
        return json(root);
    }

    private static Object jsonValue(String key, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        if (key.equals("device.clockSkewSeconds") || key.equals("remediationAttempts")) {
            return Long.valueOf(value);
        }
        return value;
    }

    private static String json(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(json(k)).append(':').append(json(v)));
            return b.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(v -> b.append(b.length() > 1 ? "," : "").append(json(v)));
            return b.append(']').toString();
        }
        if (o instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.append('"').toString();
        }
        return String.valueOf(o);
    }

    /** A record as one CSV row in {@link #COLUMNS} order. */
    public static String toCsvRow(Map<String, String> flat) {
        List<String> cells = new ArrayList<>();
        for (String c : COLUMNS) {
            String v = flat.getOrDefault(c, "");
            cells.add(v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return String.join(",", cells);
    }

    public static String csvHeader() {
        return String.join(",", COLUMNS);
    }

    /**
     * A JSON Lines export of {@code n} records; about {@code badShare} of them malformed in one of the
     * ways an export goes wrong (bad JSON, a bad value, an unknown field, an empty line, invalid UTF-8).
     */
    public byte[] jsonLines(int n, double badShare) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 300);
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < badShare) {
                out.writeBytes(malformedJsonLine(i));
            } else {
                out.writeBytes(toJsonLine(record(i)).getBytes(StandardCharsets.UTF_8));
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    private byte[] malformedJsonLine(int i) {
        return switch (random.nextInt(5)) {
            case 0 -> ("{\"id\":\"BAD" + i + "\",\"symptom\":").getBytes(StandardCharsets.UTF_8);
            case 1 -> ("{\"id\":\"BAD" + i + "\",\"user\":{\"state\":\"ENABLED\"}}").getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"id\":\"BAD" + i + "\",\"priority\":\"P1\"}").getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[0];
            default -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(("{\"id\":\"BAD" + i + "\",\"description\":\"caf").getBytes(StandardCharsets.UTF_8));
                b.write(0xE9); // Latin-1 e-acute: not UTF-8
                b.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
                yield b.toByteArray();
            }
        };
    }
}
