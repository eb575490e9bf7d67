package dev.authdoctor.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random incidents from a seed, valid by the contract: any mix of fields, values from the contract's enums,
 * numbers at their edges, texts copied from the table or not. The same seed gives the same incidents.
 */
final class IncidentGenerator {

    private static final String[] SYMPTOMS = {"ST_UNLOCK_CANNOT_COMPLETE", "CANNOT_LOG_IN", "ACTIVATION_EMAIL_NOT_RECEIVED",
            "TOKEN_ACTIVATION_FAILED", "TOKEN_NOT_WORKING", "NEW_PASSWORD_REJECTED", "OTHER", "ST_APP_PIN_LOCKED", "OTP_NOT_OFFERED",
            "GRID_NOT_ACCEPTED", "PASSKEY_REGISTRATION_FAILED"};
    private static final String[] SOURCES = {"ENTRUST_ST_APP", "GOOGLE_AUTHENTICATOR_APP", "SMART_CREDENTIAL_APP", "RESET_TOKEN_WINDOW",
            "ADMIN_PORTAL", "USER_PORTAL", "OTHER"};
    private static final String[] TYPES = {"ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR", "ENTRUST_PHYSICAL_TOKEN", "OATH_PHYSICAL_TOKEN",
            "ENTRUST_LEGACY_TOKEN", "MOBILE_SMART_CREDENTIAL", "PASSWORD", "GRID", "OTP", "FIDO", "KBA", "OTHER"};
    private static final String[] STATES = {"NEW", "ACTIVATING", "ACTIVE", "INACTIVE", "UNASSIGNED", "PENDING", "CANCELED"};
    private static final String[] PLATFORMS = {"IOS", "ANDROID", "BLACKBERRY", "WINDOWS_PHONE_8", "J2ME", "DESKTOP", "OTHER"};
    private static final String[] MESSAGES = {
            "The soft token could not be activated because the activation code has expired. Return to your Identity Provider and attempt the action again.",
            "An identity with the specified name already exists.", "Invalid key - The key sequence of numbers and letters is invalid.",
            "Invalid Response.", "Certificate validation error communicating to https://x.example/. Contact your Identity Provider.",
            "Failed to activate your identity.", "The password entered is incorrect or the link is corrupted. Try again.",
            "Your response was invalid. Please try again", "", " ", "\u201C\u201D", "Error:", "ünïcödé ✓ 認証", "\"quoted\" \\ back\\slash"};

    private final Random r;

    IncidentGenerator(long seed) {
        this.r = new Random(seed);
    }

    String next(int n) {
        List<String> fields = new ArrayList<>();
        fields.add("\"id\":" + str("p" + n));
        if (r.nextInt(3) > 0) fields.add("\"symptom\":" + str(pick(SYMPTOMS)));
        if (r.nextBoolean()) fields.add("\"reportedAt\":" + str("2026-11-" + (10 + r.nextInt(18)) + "T0" + r.nextInt(10) + ":00:00Z"));
        if (r.nextInt(3) == 0) fields.add("\"description\":" + str(pick(MESSAGES) + " " + pick(MESSAGES)));
        if (r.nextBoolean()) {
            fields.add("\"error\":{\"message\":" + str(pick(MESSAGES)) + (r.nextBoolean() ? ",\"source\":" + str(pick(SOURCES)) : "")
                    + (r.nextInt(4) == 0 ? ",\"code\":" + str(pick(new String[]{"max_fido_tokens", "fido_token_duplicate_name", "fido_none_active", "x"})) : "")
                    + "}");
        }
        if (r.nextBoolean()) {
            List<String> u = new ArrayList<>();
            if (r.nextBoolean()) u.add("\"id\":" + str("u" + r.nextInt(1000)));
            if (r.nextBoolean()) u.add("\"email\":" + str(r.nextBoolean() ? "a@example.com" : ""));
            if (r.nextBoolean()) u.add("\"emailValid\":" + r.nextBoolean());
            if (r.nextBoolean()) u.add("\"state\":" + str(r.nextBoolean() ? "ACTIVE" : "INACTIVE"));
            if (r.nextBoolean()) u.add("\"locked\":" + r.nextBoolean());
            if (r.nextBoolean()) u.add("\"role\":" + str(pick(new String[]{"USER", "ADMINISTRATOR", "SUPER_ADMINISTRATOR"})));
            if (r.nextInt(4) == 0) u.add("\"preferredOtpDelivery\":" + str(pick(new String[]{"EMAIL", "SMS", "VOICE", "SYSTEM"})));
            fields.add("\"user\":{" + String.join(",", u) + "}");
        }
        if (r.nextInt(3) > 0) {
            int count = r.nextInt(10) == 0 ? 100 : r.nextInt(4);
            List<String> as = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<String> a = new ArrayList<>();
                a.add("\"type\":" + str(pick(TYPES)));
                if (r.nextBoolean()) a.add("\"state\":" + str(pick(STATES)));
                if (r.nextInt(3) == 0) a.add("\"appLocked\":" + r.nextBoolean());
                if (r.nextInt(3) == 0) a.add("\"inUse\":" + r.nextBoolean());
                if (r.nextInt(3) == 0) a.add("\"platform\":" + str(pick(PLATFORMS)));
                if (r.nextInt(4) == 0) a.add("\"activationExpiresAt\":" + str("2026-11-2" + r.nextInt(10) + "T12:00:00Z"));
                if (r.nextInt(4) == 0) a.add("\"activationSentAt\":" + str("2026-11-2" + r.nextInt(10) + "T11:55:00Z"));
                if (r.nextInt(5) == 0) a.add("\"expired\":" + r.nextBoolean());
                if (r.nextInt(5) == 0) a.add("\"resynchronized\":" + r.nextBoolean());
                as.add("{" + String.join(",", a) + "}");
            }
            fields.add("\"authenticators\":[" + String.join(",", as) + "]");
        }
        if (r.nextBoolean()) fields.add("\"device\":{\"clockSkewSeconds\":" + pick(new String[]{"0", "300", "301", "-301", "3600", "3601",
                "315576000", "-315576000"}) + (r.nextBoolean() ? ",\"network\":\"PRIVATE\"" : "") + "}");
        if (r.nextInt(3) == 0) fields.add("\"service\":{\"network\":" + str(r.nextBoolean() ? "PUBLIC" : "PRIVATE") + "}");
        if (r.nextInt(3) == 0) fields.add("\"activationEmail\":{\"delivered\":" + r.nextBoolean() + ",\"inSpamFolder\":" + r.nextBoolean() + "}");
        if (r.nextInt(3) == 0) fields.add("\"access\":{\"resourceRuleAllowsUser\":" + r.nextBoolean() + "}");
        if (r.nextInt(3) == 0) fields.add("\"passwordPolicy\":{\"historySize\":" + r.nextInt(256) + ",\"newPasswordInHistory\":" + r.nextBoolean() + "}");
        if (r.nextInt(3) == 0) fields.add("\"settings\":{\"tokenTimeStepSeconds\":" + (1 + r.nextInt(120)) + ",\"maxTimeSteps\":" + (1 + r.nextInt(120))
                + ",\"activationLifetimeSeconds\":" + (1 + r.nextInt(100_000)) + "}");
        if (r.nextBoolean()) fields.add("\"remediationAttempts\":" + pick(new String[]{"0", "1", "2", "3", "2147483647"}));
        java.util.Collections.shuffle(fields, r);
        return "{" + String.join(",", fields) + "}";
    }

    private String pick(String[] values) {
        return values[r.nextInt(values.length)];
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
