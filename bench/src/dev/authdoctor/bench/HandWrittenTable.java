package dev.authdoctor.bench;

import dev.authdoctor.incident.AuthenticatorFacts;
import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.UserState;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The floor for a cold batch and for the diagnose benchmark: the seed table as a hand-written Java decision over a
 * parsed record (a Jackson tree in the incident contract's shape), doing the same job in the cheapest way: messages
 * matched by a normalised "contains", rows by if-chains, plans as constant lists, the facts each row's rules read
 * (row 1's locks, row 3's activation window, row 7's delivery, row 9's authenticator in question, row 10's history
 * size, the product that showed a message). No tolerance for typos or cut-off copies, no words of a ticket, no
 * explanations, no packs: what authdoctor costs on top of this is what the rule engine and its extras cost.
 */
public final class HandWrittenTable {

    public record Plan(List<String> problems, List<String> causes, List<String> steps, String escalation) {
    }

    /** Normalised message, problem id, and the one product (error.source) besides OTHER that may have shown it; null: any. */
    private static final String[][] MESSAGES = {
            {"thesofttokencouldnotbeactivatedbecausetheactivationcodehasexpired", "st-activation-code-expired", null},
            {"anidentitywiththespecifiednamealreadyexists", "st-identity-name-exists", null},
            {"invalidkeythekeysequenceofnumbersandlettersisinvalid", "ga-invalid-key", "GOOGLE_AUTHENTICATOR_APP"},
            {"certificatevalidationerrorcommunicatingto", "msc-certificate-validation-error", null},
            {"failedtoactivateyouridentityregistrationpasswordhasexpiredorisinvalid", "msc-registration-password-expired", "SMART_CREDENTIAL_APP"},
            {"thepasswordenteredisincorrectorthelinkiscorrupted", "msc-password-incorrect-or-link-corrupted", "SMART_CREDENTIAL_APP"}};
    private static final Set<String> TOKENS = Set.of("ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR", "ENTRUST_PHYSICAL_TOKEN",
            "OATH_PHYSICAL_TOKEN", "ENTRUST_LEGACY_TOKEN");

    private HandWrittenTable() {
    }

    /** The table over a whole record as Jackson parsed it; the caller checked the fields' types and values. */
    public static Plan decide(JsonNode i) {
        List<String> problems = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        String escalation = null;
        String symptom = text(i, "symptom");
        JsonNode user = i.get("user");
        JsonNode authenticators = i.get("authenticators");
        JsonNode settings = i.get("settings");
        JsonNode error = i.get("error");
        String message = text(error, "message");
        if (message != null) {
            String source = text(error, "source");
            boolean otherSource = source != null && !source.equals("OTHER");
            String m = normalise(message);
            for (String[] known : MESSAGES) {
                if (m.contains(known[0]) && !(known[2] != null && otherSource && !source.equals(known[2]))) {
                    problems.add(known[1]);
                }
            }
            if ((m.equals("invalidresponse") || m.endsWith("errorinvalidresponse"))
                    && (source == null || source.equals("RESET_TOKEN_WINDOW"))) {
                problems.add("reset-token-invalid-response");
            }
        }
        if (problems.contains("msc-certificate-validation-error")) {
            String app = text(i.get("device"), "network");
            String account = text(i.get("service"), "network");
            if (app != null && account != null && !app.equals(account)) {
                causes.add("NETWORK_MISMATCH");
                steps.add("confirm-networks");
            }
        }
        Boolean locked = bool(user, "locked");
        boolean appLocked = false;
        boolean expiredActivation = false;
        long lifetime = number(settings, "activationLifetimeSeconds", 300);
        Instant reported = null;
        if (authenticators != null) {
            for (JsonNode a : authenticators) {
                appLocked |= Boolean.TRUE.equals(bool(a, "appLocked"));
                if ("ENTRUST_SOFT_TOKEN".equals(text(a, "type")) && pending(a)) {
                    if (reported == null) {
                        reported = instant(text(i, "reportedAt"));
                    }
                    Instant expiry = activationExpiry(a, lifetime);
                    expiredActivation |= reported != null && expiry != null && expiry.isBefore(reported);
                }
            }
        }
        if (expiredActivation && !problems.contains("st-activation-code-expired")) {
            problems.add("st-activation-code-expired");
        }
        boolean noAuthenticators = authenticators != null && authenticators.isEmpty();
        if ((Boolean.TRUE.equals(locked) && appLocked) || ("ST_UNLOCK_CANNOT_COMPLETE".equals(symptom) && !Boolean.FALSE.equals(locked))) {
            problems.add("st-unlock-blocked-account-and-app-locked");
            steps.add("press-unlock");
            steps.add("reinitialize");
        }
        String role = text(user, "role");
        if (role != null && !role.equals("USER") && noAuthenticators) {
            problems.add("admin-only-authenticator-deleted");
            steps.add("contact-support");
            escalation = "IMMEDIATE";
        }
        JsonNode email = i.get("activationEmail");
        boolean spam = Boolean.TRUE.equals(bool(email, "inSpamFolder"));
        if ("ACTIVATION_EMAIL_NOT_RECEIVED".equals(symptom) || spam || Boolean.FALSE.equals(bool(email, "delivered"))) {
            problems.add("activation-email-not-received");
            if (spam) {
                steps.add("check-spam");
            }
            steps.add("confirm-address");
            steps.add("reactivate");
            if (!spam) {
                steps.add("check-spam");
            }
            escalation = escalation == null ? "IF_PERSISTS" : escalation;
        }
        if ("TOKEN_ACTIVATION_FAILED".equals(symptom)) {
            problems.add("token-activation-failed-on-portal");
            steps.add("confirm-activation-type");
            steps.add("press-ok");
            steps.add("reactivate");
            steps.add("delete-failed-authenticator");
            steps.add("activate-again");
        }
        if ("TOKEN_NOT_WORKING".equals(symptom)) {
            problems.add("token-not-working");
            if ("INACTIVE".equals(text(user, "state"))) {
                causes.add("USER_INACTIVE");
            }
            JsonNode inQuestion = inQuestion(authenticators);
            if (inQuestion != null ? text(inQuestion, "state") != null && !canAuthenticate(inQuestion) : noUsableToken(authenticators)) {
                causes.add("AUTHENTICATOR_INACTIVE");
            }
            if (noAuthenticators) {
                causes.add("NO_AUTHENTICATOR");
            }
            if (Boolean.FALSE.equals(bool(i.get("access"), "resourceRuleAllowsUser"))) {
                causes.add("RESOURCE_RULE_DENIES");
            }
            if (Boolean.TRUE.equals(locked)) {
                causes.add("USER_LOCKED");
                escalation = "IMMEDIATE";
            }
            long window = number(settings, "tokenTimeStepSeconds", 30) * number(settings, "maxTimeSteps", 10);
            JsonNode skew = i.path("device").get("clockSkewSeconds");
            if (skew != null && skew.isIntegralNumber() && Math.abs(skew.longValue()) > window) {
                causes.add("CLOCK_DRIFT");
            }
            if (causes.isEmpty()) {
                steps.addAll(List.of("check-active", "check-assigned", "check-resource-rule", "check-locked", "check-clock"));
            } else {
                for (String c : causes) {
                    steps.add(c.toLowerCase(Locale.ROOT));
                }
            }
            escalation = escalation == null ? "IF_PERSISTS" : escalation;
        }
        JsonNode policy = i.get("passwordPolicy");
        Boolean inHistory = bool(policy, "newPasswordInHistory");
        JsonNode historySize = policy == null ? null : policy.get("historySize");
        boolean historyOff = historySize != null && historySize.isIntegralNumber() && historySize.longValue() == 0;
        if ((Boolean.TRUE.equals(inHistory) && !historyOff)
                || ("NEW_PASSWORD_REJECTED".equals(symptom) && !historyOff && !Boolean.FALSE.equals(inHistory))) {
            problems.add("password-in-history");
            steps.addAll(List.of("assign-unused-password", "user-details-authenticators", "disable-history"));
        }
        if (!problems.isEmpty() && escalation == null && !problems.contains("password-in-history")) {
            escalation = "IF_PERSISTS";
        }
        return new Plan(problems, causes, steps, escalation);
    }

    /**
     * The same table over a bound {@link Incident}, for {@code DiagnoseBenchmark}'s floor (BENCHMARKS.md: 0.25 µs). It
     * reads only what the slim generated incidents carry ({@code ExportGenerator}): no activation window, delivery,
     * authenticator in question, history size or message source, which those incidents never hold.
     */
    public static Plan decide(Incident i) {
        List<String> problems = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        String escalation = null;
        if (i.error() != null && i.error().message() != null) {
            String m = normalise(i.error().message());
            for (String[] known : MESSAGES) {
                if (m.contains(known[0])) { // no source check: the slim records only carry the right one
                    problems.add(known[1]);
                }
            }
            if (m.equals("invalidresponse") || m.endsWith("errorinvalidresponse")) {
                problems.add("reset-token-invalid-response");
            }
        }
        boolean locked = i.user() != null && Boolean.TRUE.equals(i.user().locked());
        boolean appLocked = i.authenticators() != null && i.authenticators().stream().anyMatch(a -> Boolean.TRUE.equals(a.appLocked()));
        if ((locked && appLocked) || i.symptom() == Symptom.ST_UNLOCK_CANNOT_COMPLETE) {
            problems.add("st-unlock-blocked-account-and-app-locked");
            steps.add("press-unlock");
            steps.add("reinitialize");
        }
        if (i.user() != null && i.user().isAdministrator() && i.hasNoAuthenticators()) {
            problems.add("admin-only-authenticator-deleted");
            steps.add("contact-support");
            escalation = "IMMEDIATE";
        }
        if (i.symptom() == Symptom.ACTIVATION_EMAIL_NOT_RECEIVED) {
            problems.add("activation-email-not-received");
            boolean spam = i.activationEmail() != null && Boolean.TRUE.equals(i.activationEmail().inSpamFolder());
            if (spam) {
                steps.add("check-spam");
            }
            steps.add("confirm-address");
            steps.add("reactivate");
            if (!spam) {
                steps.add("check-spam");
            }
            escalation = escalation == null ? "IF_PERSISTS" : escalation;
        }
        if (i.symptom() == Symptom.TOKEN_ACTIVATION_FAILED) {
            problems.add("token-activation-failed-on-portal");
            steps.add("confirm-activation-type");
            steps.add("press-ok");
            steps.add("reactivate");
            steps.add("delete-failed-authenticator");
            steps.add("activate-again");
        }
        if (i.symptom() == Symptom.TOKEN_NOT_WORKING) {
            problems.add("token-not-working");
            if (i.user() != null && i.user().state() == UserState.INACTIVE) {
                causes.add("USER_INACTIVE");
            }
            AuthenticatorFacts a = i.authenticators() == null || i.authenticators().isEmpty() ? null : i.authenticators().get(0);
            if (a != null && a.state() != null && a.state() != AuthenticatorState.ACTIVE
                    && !(a.type() == AuthenticatorType.GOOGLE_AUTHENTICATOR && a.state() == AuthenticatorState.ACTIVATING)) {
                causes.add("AUTHENTICATOR_INACTIVE");
            }
            if (i.hasNoAuthenticators()) {
                causes.add("NO_AUTHENTICATOR");
            }
            if (i.access() != null && Boolean.FALSE.equals(i.access().resourceRuleAllowsUser())) {
                causes.add("RESOURCE_RULE_DENIES");
            }
            if (locked) {
                causes.add("USER_LOCKED");
                escalation = "IMMEDIATE";
            }
            long window = 30L * 10;
            if (i.settings() != null && i.settings().tokenTimeStepSeconds() != null && i.settings().maxTimeSteps() != null) {
                window = (long) i.settings().tokenTimeStepSeconds() * i.settings().maxTimeSteps();
            }
            if (i.device() != null && i.device().clockSkewSeconds() != null && Math.abs(i.device().clockSkewSeconds()) > window) {
                causes.add("CLOCK_DRIFT");
            }
            if (causes.isEmpty()) {
                steps.addAll(List.of("check-active", "check-assigned", "check-resource-rule", "check-locked", "check-clock"));
            } else {
                for (String c : causes) {
                    steps.add(c.toLowerCase(Locale.ROOT));
                }
            }
            escalation = escalation == null ? "IF_PERSISTS" : escalation;
        }
        if (i.symptom() == Symptom.NEW_PASSWORD_REJECTED
                || (i.passwordPolicy() != null && Boolean.TRUE.equals(i.passwordPolicy().newPasswordInHistory()))) {
            problems.add("password-in-history");
            steps.addAll(List.of("assign-unused-password", "user-details-authenticators", "disable-history"));
        }
        if (!problems.isEmpty() && escalation == null && !problems.contains("password-in-history")) {
            escalation = "IF_PERSISTS";
        }
        return new Plan(problems, causes, steps, escalation);
    }

    /** The authenticator marked in use, else the user's only token; null when neither. */
    private static JsonNode inQuestion(JsonNode authenticators) {
        if (authenticators == null) {
            return null;
        }
        JsonNode onlyToken = null;
        int tokens = 0;
        for (JsonNode a : authenticators) {
            if (Boolean.TRUE.equals(bool(a, "inUse"))) {
                return a;
            }
            if (TOKENS.contains(text(a, "type"))) {
                onlyToken = a;
                tokens++;
            }
        }
        return tokens == 1 ? onlyToken : null;
    }

    private static boolean noUsableToken(JsonNode authenticators) {
        boolean anyToken = false;
        if (authenticators != null) {
            for (JsonNode a : authenticators) {
                if (TOKENS.contains(text(a, "type"))) {
                    anyToken = true;
                    if (text(a, "state") == null || canAuthenticate(a)) {
                        return false;
                    }
                }
            }
        }
        return anyToken;
    }

    private static boolean canAuthenticate(JsonNode a) {
        if (Boolean.TRUE.equals(bool(a, "expired"))) {
            return false;
        }
        String state = text(a, "state");
        String type = text(a, "type");
        return "ACTIVE".equals(state) || ("ACTIVATING".equals(state) && "GOOGLE_AUTHENTICATOR".equals(type))
                || ("PENDING".equals(state) && "GRID".equals(type));
    }

    private static boolean pending(JsonNode a) {
        String state = text(a, "state");
        return state == null || state.equals("NEW") || state.equals("ACTIVATING");
    }

    private static Instant activationExpiry(JsonNode a, long lifetime) {
        Instant stated = instant(text(a, "activationExpiresAt"));
        if (stated != null) {
            return stated;
        }
        Instant sent = instant(text(a, "activationSentAt"));
        return sent == null ? null : sent.plusSeconds(lifetime);
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null; // the pass checked the field when it read the record
        }
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o == null ? null : o.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    static Boolean bool(JsonNode o, String field) {
        JsonNode v = o == null ? null : o.get(field);
        return v != null && v.isBoolean() ? v.booleanValue() : null;
    }

    private static long number(JsonNode o, String field, long fallback) {
        JsonNode v = o == null ? null : o.get(field);
        return v != null && v.isIntegralNumber() ? v.longValue() : fallback;
    }

    private static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = Character.toLowerCase(s.charAt(k));
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
