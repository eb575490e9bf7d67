package dev.authdoctor.api;

import dev.authdoctor.model.Incident;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A support request draft for an incident whose escalation is due now: subject, the problem, the facts,
 * the steps already tried and the rule trace. By default e-mail addresses are masked
 * ({@code j***@example.com}) and user ids replaced by a keyed-hash pseudonym ({@code user-3f9a0c12d4e7}),
 * in the facts and in any free text; the same key gives the same pseudonym, so tickets about one user can
 * still be matched up by whoever holds the key.
 */
public final class SupportTicket {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    /** How personal data is treated in a ticket. */
    public static final class Redaction {
        private final byte[] key;

        private Redaction(byte[] key) {
            this.key = key;
        }

        /** Redacts with a key of the organisation's, so pseudonyms stay the same across runs. */
        public static Redaction withKey(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("the redaction key must not be empty");
            }
            return new Redaction(secret.getBytes(StandardCharsets.UTF_8));
        }

        /** Redacts with a random key: pseudonyms agree within this process only. */
        public static Redaction withRandomKey() {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            return new Redaction(k);
        }

        /** Keeps addresses and ids as they are (the ticket goes where personal data may go). */
        public static Redaction none() {
            return new Redaction(null);
        }

        String id(String id) {
            if (key == null || id == null) {
                return id;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return "user-" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String text(String text, Incident incident) {
            if (key == null || text == null) {
                return text;
            }
            String out = EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@" + m.group(2)));
            if (incident.user() != null && incident.user().id() != null && !incident.user().id().isBlank()) {
                out = out.replace(incident.user().id(), id(incident.user().id()));
            }
            return out;
        }
    }

    private SupportTicket() {
    }

    /** Whether a ticket is due: the diagnosis escalates, and the escalation is due now. */
    public static boolean isDue(Diagnosis d) {
        return d.escalation() != null && d.escalation().now();
    }

    /** The draft, as plain text. Works best with an explained diagnosis ({@link Troubleshooter#explain}). */
    public static String draft(Incident incident, Diagnosis d, Redaction redaction) {
        StringBuilder t = new StringBuilder();
        String problem = d.problems().isEmpty() ? "an unrecognised problem" : d.problems().get(0).title();
        Diagnosis.Escalation e = d.escalation();
        t.append("To: ").append(e == null ? "(no escalation)" : e.contact()).append('\n');
        t.append("Subject: [").append(redaction.text(incident.id(), incident)).append("] ").append(problem).append('\n');
        t.append('\n');
        if (e != null) {
            t.append("Escalated: ").append(e.condition()).append(e.now() ? ", due now" : ", not yet due");
            if (e.reason() != null) {
                t.append(" (").append(e.reason()).append(')');
            }
            t.append("\n\n");
        }
        t.append("Problems recognised:\n");
        for (Diagnosis.Problem p : d.problems()) {
            t.append("- ").append(p.title()).append(" [").append(p.id()).append(']');
            if (!p.causes().isEmpty()) {
                t.append(", causes: ").append(String.join(", ", p.causes()));
            }
            t.append('\n');
        }
        t.append("\nFacts reported:\n");
        for (String fact : facts(incident, redaction)) {
            t.append("- ").append(fact).append('\n');
        }
        t.append("\nSteps already tried");
        t.append(incident.attempts() > 0 ? " (completed " + incident.attempts() + " time(s) without success):\n" : " (none recorded yet):\n");
        for (Diagnosis.Step s : d.steps()) {
            // Step texts are the rules' words (and the support address), not the incident's: left as they are.
            t.append(s.order()).append(". ").append(s.actor()).append(": ").append(s.text()).append('\n');
        }
        t.append("\nRule trace:\n");
        for (Diagnosis.Problem p : d.problems()) {
            if (p.explanations().isEmpty()) {
                t.append("- ").append(String.join(", ", p.rules())).append('\n');
            }
            for (Diagnosis.Explanation x : p.explanations()) {
                t.append("- ").append(x.rule()).append(x.row() == null ? "" : " (row " + x.row() + ")");
                if (!x.because().isEmpty()) {
                    t.append(": ").append(redaction.text(String.join("; ", x.because()), incident));
                }
                t.append('\n');
            }
        }
        t.append("\nRule packs: ").append(String.join(", ", d.rulePacks())).append('\n');
        return t.toString();
    }

    /** The incident's known facts as field paths with values; personal data redacted. */
    static List<String> facts(Incident incident, Redaction redaction) {
        List<String> out = new ArrayList<>();
        flatten("", incident, out);
        List<String> redacted = new ArrayList<>();
        for (String f : out) {
            if (f.startsWith("user.id = ") && incident.user() != null) {
                redacted.add("user.id = " + redaction.id(incident.user().id()));
            } else if (f.startsWith("id = ")) {
                redacted.add("id = " + redaction.text(incident.id(), incident));
            } else {
                redacted.add(redaction.text(f, incident));
            }
        }
        return redacted;
    }

    private static void flatten(String prefix, Object value, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.add(prefix + " = [] (none)");
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
            return;
        }
        if (value.getClass().isRecord()) {
            for (RecordComponent rc : value.getClass().getRecordComponents()) {
                try {
                    flatten(prefix.isEmpty() ? rc.getName() : prefix + "." + rc.getName(), rc.getAccessor().invoke(value), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        String text = value instanceof String s ? "\"" + s + "\"" : value.toString();
        out.add(prefix + " = " + text);
    }
}
