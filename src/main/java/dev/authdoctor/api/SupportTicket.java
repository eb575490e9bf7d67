package dev.authdoctor.api;

import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.UserFacts;
import dev.authdoctor.privacy.Masker;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A support request draft for an incident whose escalation is due now: subject, the problem, the facts,
 * the steps already tried, the plan and the rule trace. By default personal data is redacted in the facts
 * and in any free text: e-mail addresses are masked ({@code j***@example.com}, quoted, non-ASCII and
 * address-literal forms too), phone numbers ({@code user.mobile}, {@code user.phone} and any in the text)
 * and IP addresses become {@code <phone>} and {@code <ip>}, and the user id (as a whole token, in any
 * letter case) and UUIDs are replaced by keyed-hash pseudonyms ({@code user-3f9a0c12d4e7}); an incident
 * id that holds any of these is replaced by its own pseudonym ({@code incident-...}). The same key gives
 * the same pseudonyms, so tickets about one user can still be matched up by whoever holds the key.
 */
public final class SupportTicket {

    /** Drafts written under one name before giving up: far more than any run has copies of one id. */
    private static final int MAX_SAME_NAME = 1_000;

    /** How personal data is treated in a ticket. */
    public static final class Redaction {
        private final byte[] key;
        /** Keys the file names, which never carry the id, even when the draft may. */
        private final byte[] nameKey;

        private Redaction(byte[] key, byte[] nameKey) {
            this.key = key;
            this.nameKey = nameKey;
        }

        /**
         * Redacts with a key of the organisation's, so pseudonyms stay the same across runs.
         *
         * @param secret the organisation's key; not empty
         * @return a redaction keyed by it
         * @throws IllegalArgumentException when the key is null or empty
         */
        public static Redaction withKey(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("the redaction key must not be empty");
            }
            byte[] k = secret.getBytes(StandardCharsets.UTF_8);
            return new Redaction(k, k);
        }

        /**
         * Redacts with a random key: pseudonyms agree within this process only.
         *
         * @return a redaction with a fresh random key
         */
        public static Redaction withRandomKey() {
            byte[] k = randomKey();
            return new Redaction(k, k);
        }

        /**
         * Keeps addresses and ids as they are (the ticket goes where personal data may go); file names stay pseudonyms.
         *
         * @return a redaction that keeps personal data
         */
        public static Redaction none() {
            return new Redaction(null, randomKey());
        }

        private static byte[] randomKey() {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return k;
        }

        String id(String id) {
            if (key == null || id == null) {
                return id;
            }
            return pseudonym("user-", key, id);
        }

        /** The incident id as the draft shows it: as it is when it holds no personal data, else a pseudonym. */
        String incidentRef(Incident incident) {
            String id = incident.id();
            if (key == null || id == null || text(id, incident).equals(id)) {
                return id;
            }
            return pseudonym("incident-", key, id);
        }

        /** The draft's file name: a pseudonym of the incident id, never the id itself. */
        String fileName(Incident incident) {
            return pseudonym("incident-", nameKey, String.valueOf(incident.id())) + ".txt";
        }

        private static String pseudonym(String prefix, byte[] key, String value) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return prefix + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Free text with the incident's user id, e-mail addresses, phone numbers, IPs and UUIDs redacted. */
        String text(String text, Incident incident) {
            if (key == null || text == null) {
                return text;
            }
            String out = text;
            UserFacts user = incident.user();
            if (user != null) {
                // The user's own values first, in any letter case and as whole tokens only: a user id "1"
                // must not turn every 1 of the text into a pseudonym.
                out = replaceToken(out, user.id(), m -> id(user.id()));
                out = replaceToken(out, user.email(), m -> Masker.maskEmail(m));
                out = replaceToken(out, user.mobile(), m -> Masker.Kind.PHONE.placeholder());
                out = replaceToken(out, user.phone(), m -> Masker.Kind.PHONE.placeholder());
            }
            Masker masker = masker(incident);
            return Masker.replace(out, masker.find(out, Masker.PERSONAL), f -> switch (f.kind()) {
                case EMAIL -> Masker.maskEmail(f.text());
                case UUID -> pseudonym("id-", key, f.text().toLowerCase(Locale.ROOT));
                default -> f.kind().placeholder();
            });
        }

        private static String replaceToken(String text, String value, java.util.function.UnaryOperator<String> replacement) {
            if (value == null || value.isBlank()) {
                return text;
            }
            Pattern token = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value.strip()) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return token.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m.group())));
        }

        /** National numbers are read as the country of the user's own numbers when those are known. */
        private static Masker masker(Incident incident) {
            return incident.user() == null ? Masker.standard()
                    : Masker.standard().withRegionsOf(incident.user().mobile(), incident.user().phone());
        }
    }

    private SupportTicket() {
    }

    /**
     * Whether a ticket is due: the diagnosis escalates, and the escalation is due now.
     *
     * @param d a diagnosis
     * @return true when it escalates now
     */
    public static boolean isDue(Diagnosis d) {
        return d.escalation() != null && d.escalation().now();
    }

    /**
     * The draft's file name in a ticket folder: a keyed pseudonym of the incident id ({@code incident-3f9a0c12d4e7.txt}).
     *
     * @param incident the incident
     * @param redaction whose key makes the pseudonym
     * @return the file name, without a folder
     */
    public static String fileName(Incident incident, Redaction redaction) {
        return redaction.fileName(incident);
    }

    /**
     * Writes the draft into {@code dir} and gives its path. Never overwrites: a name already taken (the same
     * id twice, a file or a link left there) gets a suffix ({@code -2}, {@code -3}, ...); links are not
     * followed, so the draft always lands inside the folder.
     *
     * @param dir the ticket folder
     * @param incident the incident
     * @param d its diagnosis
     * @param redaction how personal data is treated
     * @return the path of the draft written
     * @throws IOException when the draft cannot be written, or the folder holds too many drafts of that name
     */
    public static Path write(Path dir, Incident incident, Diagnosis d, Redaction redaction) throws IOException {
        Path folder = dir.toRealPath();
        byte[] draft = draft(incident, d, redaction).getBytes(StandardCharsets.UTF_8);
        String name = fileName(incident, redaction);
        String stem = name.substring(0, name.length() - ".txt".length());
        for (int n = 1; n <= MAX_SAME_NAME; n++) {
            Path file = folder.resolve(n == 1 ? name : stem + "-" + n + ".txt");
            if (!folder.equals(file.getParent())) {
                throw new IOException("a ticket file name left the ticket folder " + folder);
            }
            // CREATE_NEW fails on any existing entry, a link included, dangling or not; NOFOLLOW_LINKS says so.
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                out.write(draft);
                return file;
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
        throw new IOException(folder + " already holds " + MAX_SAME_NAME + " drafts named " + stem + "*.txt; "
                + "move them away or choose another --ticket folder");
    }

    /**
     * The draft, as plain text. Works best with an explained diagnosis ({@link Troubleshooter#explain}).
     *
     * @param incident the incident
     * @param d its diagnosis
     * @param redaction how personal data is treated
     * @return the draft's text
     */
    public static String draft(Incident incident, Diagnosis d, Redaction redaction) {
        StringBuilder t = new StringBuilder();
        String problem = d.problems().isEmpty() ? "an unrecognised problem" : d.problems().get(0).title();
        Diagnosis.Escalation e = d.escalation();
        // Header values on one line each: an id or a pack's text holding a line break must not add a header.
        t.append("To: ").append(oneLine(e == null ? "(no escalation)" : e.contact())).append('\n');
        t.append("Subject: [").append(oneLine(redaction.incidentRef(incident))).append("] ").append(oneLine(problem)).append('\n');
        t.append('\n');
        if (e != null) {
            t.append("Escalated: ").append(e.condition()).append(e.now() ? ", due now" : ", not yet due");
            if (e.reason() != null) {
                t.append(" (").append(oneLine(e.reason())).append(')');
            }
            t.append("\n\n");
        }
        t.append("Problems recognised:\n");
        for (Diagnosis.Problem p : d.problems()) {
            t.append("- ").append(oneLine(p.title())).append(" [").append(p.id()).append(']');
            if (!p.causes().isEmpty()) {
                t.append(", causes: ").append(String.join(", ", p.causes()));
            }
            t.append('\n');
        }
        t.append("\nFacts reported:\n");
        for (String fact : facts(incident, redaction)) {
            t.append("- ").append(fact).append('\n');
        }
        // remediationAttempts is a count of tries of the plan, not a list of steps: say just that.
        t.append("\nSteps already tried:\n");
        if (incident.remediationAttempts() == null) {
            t.append("- none reported (remediationAttempts not given)\n");
        } else if (incident.attempts() <= 0) {
            t.append("- none (remediationAttempts = 0)\n");
        } else {
            t.append("- the plan below was tried ").append(incident.attempts())
                    .append(" time(s) without success (which steps is not recorded)\n");
        }
        t.append("\nPlan (recommended steps, in order):\n");
        for (Diagnosis.Step s : d.steps()) {
            // Step texts are the rules' words (and the support address), not the incident's: left as they are.
            t.append(s.order()).append(". ").append(s.actor()).append(": ").append(oneLine(s.text())).append('\n');
        }
        t.append("\nRule trace:\n");
        for (Diagnosis.Problem p : d.problems()) {
            if (p.explanations().isEmpty()) {
                t.append("- ").append(String.join(", ", p.rules())).append('\n');
            }
            for (Diagnosis.Explanation x : p.explanations()) {
                t.append("- ").append(x.rule()).append(x.row() == null ? "" : " (row " + x.row() + ")");
                if (!x.because().isEmpty()) {
                    t.append(": ").append(oneLine(String.join("; ", x.because().stream().map(b -> because(b, incident, redaction)).toList())));
                }
                t.append('\n');
            }
        }
        t.append("\nRule packs: ").append(oneLine(String.join(", ", d.rulePacks()))).append('\n');
        return t.toString();
    }

    /** Control characters (line breaks above all) written as escapes, so a value stays on its line. */
    static String oneLine(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /**
     * One condition of the trace, redacted. The trace quotes the incident's string facts (cut at 80
     * characters, and a message may hold quotes of its own), so each known value, whole or cut, is
     * replaced by its redacted form; numbers and paths outside them are left alone, so that a short user
     * id ("1") cannot turn "remediationAttempts = 1" into a pseudonym. Addresses, phone numbers and IPs
     * left anywhere are masked all the same.
     */
    private static String because(String condition, Incident incident, Redaction redaction) {
        if (redaction.key == null) {
            return condition;
        }
        String out = condition;
        List<String> values = stringFacts(incident);
        values.sort(Comparator.comparingInt(String::length).reversed());
        for (String value : values) {
            String redacted = redaction.text(value, incident);
            out = out.replace("\"" + value + "\"", "\"" + redacted + "\"");
            if (value.length() > 80) {
                out = out.replace("\"" + value.substring(0, 77) + "...\"",
                        "\"" + (redacted.length() > 80 ? redacted.substring(0, 77) + "..." : redacted) + "\"");
            }
        }
        String rest = out;
        return Masker.replace(rest, Masker.standard().find(rest, Masker.PERSONAL),
                f -> f.kind() == Masker.Kind.EMAIL ? Masker.maskEmail(f.text()) : f.kind().placeholder());
    }

    private static List<String> stringFacts(Incident incident) {
        List<String> values = new ArrayList<>();
        collectStrings(incident, values);
        return values;
    }

    private static void collectStrings(Object value, List<String> out) {
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, out));
        } else if (value != null) {
            List<Map.Entry<String, Object>> fields = fields(value);
            if (fields != null) {
                fields.forEach(f -> collectStrings(f.getValue(), out));
            }
        }
    }

    /** The incident's known facts as field paths with values; personal data redacted, each fact on one line. */
    static List<String> facts(Incident incident, Redaction redaction) {
        List<Map.Entry<String, Object>> facts = new ArrayList<>();
        flatten("", incident, facts);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> f : facts) {
            String path = f.getKey();
            if (!(f.getValue() instanceof String value)) {
                // Numbers, booleans, enums, times: the contract's vocabulary, never a person's data.
                out.add(path + " = " + f.getValue());
                continue;
            }
            String shown = redaction.key == null ? value : switch (path) {
                case "id" -> redaction.incidentRef(incident);
                case "user.id" -> redaction.id(value);
                case "user.email" -> Masker.maskEmail(value);
                case "user.mobile", "user.phone" -> Masker.Kind.PHONE.placeholder();
                default -> redaction.text(value, incident);
            };
            out.add(path + " = \"" + oneLine(shown) + "\"");
        }
        return out;
    }

    /** An empty list, shown as such (a known "none", unlike a missing list). */
    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "[] (none)";
        }
    };

    private static void flatten(String prefix, Object value, List<Map.Entry<String, Object>> out) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.add(Map.entry(prefix, NONE));
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
            return;
        }
        List<Map.Entry<String, Object>> fields = fields(value);
        if (fields != null) {
            for (Map.Entry<String, Object> f : fields) {
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
            return;
        }
        out.add(Map.entry(prefix, value));
    }

    /**
     * The fields of one of the incident's value classes, in the order they are declared (the contract's
     * order), each read through its record-style accessor; null for any other value (a string, a number).
     */
    static List<Map.Entry<String, Object>> fields(Object value) {
        Class<?> type = value.getClass();
        if (type.getPackage() != Incident.class.getPackage() || type.isEnum() || !Modifier.isFinal(type.getModifiers())) {
            return null;
        }
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        try {
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(f.getName(), type.getMethod(f.getName()).invoke(value)));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
