package dev.authdoctor.batch;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic incident exports as an IDaaS tenant's export carries them (issue 12): besides what a table row
 * needs, each record holds the user's whole profile as far as the incident contract has fields for it (ids,
 * state, role, lock, contact facts, delivery preference), every authenticator on the profile (one to three,
 * with ids, states, identity names, platforms, activation dates), the device and service networks and the
 * device clock, the tenant's settings and password policy, and the error message with the product that
 * showed it. About 480 bytes a line. Seeded and deterministic.
 *
 * <p>Every field is one the contract allows; the facts that are not the point of a record are the ordinary ones
 * (an active, unlocked user, active authenticators, a clock in sync), so a record is about its row, though a
 * pending Entrust ST activation past its lifetime is row 3 as well, as in real exports. Personal data is
 * synthetic: {@code example.com} addresses and the 555-01xx numbers reserved for fiction.
 *
 * <p>Shares (a judgement; no real export was at hand): half the records carry an error message, spread evenly over
 * the seven messages the table knows and three it does not, in the copied variants {@link ExportGenerator} uses;
 * the rest report a symptom: a token that does not work 22 %, activation e-mail 8 %, portal activation 8 %,
 * password history 6 %, Entrust ST unlock 4 %, an administrator without authenticators 2 %.
 */
public final class RealisticExportGenerator {

    private static final Instant FIRST_DAY = Instant.parse("2026-11-21T00:00:00Z");
    private static final String[] SOURCES = {"ENTRUST_ST_APP", "ENTRUST_ST_APP", "GOOGLE_AUTHENTICATOR_APP", "RESET_TOKEN_WINDOW",
            "SMART_CREDENTIAL_APP", "SMART_CREDENTIAL_APP", "SMART_CREDENTIAL_APP", "USER_PORTAL", "ENTRUST_ST_APP", "ADMIN_PORTAL"};
    /** The authenticator a message's product implies, by index in {@link ExportGenerator#MESSAGES}. */
    private static final String[] MESSAGE_AUTHENTICATOR = {"ENTRUST_SOFT_TOKEN", "ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR",
            "ENTRUST_PHYSICAL_TOKEN", "MOBILE_SMART_CREDENTIAL", "MOBILE_SMART_CREDENTIAL", "MOBILE_SMART_CREDENTIAL", "OTP",
            "ENTRUST_SOFT_TOKEN", "GRID"};
    private static final int[] LIFETIMES = {300, 300, 300, 300, 600, 3600};

    private final Random random;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public RealisticExportGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** One valid record, of a kind picked by the shares above. */
    public ObjectNode record(int n) {
        ObjectNode r = mapper.createObjectNode();
        r.put("id", "INC" + (1_000_000 + n));
        Instant reported = FIRST_DAY.plusSeconds(random.nextInt(8 * 86_400));
        r.put("reportedAt", reported.toString());
        int lifetime = LIFETIMES[random.nextInt(LIFETIMES.length)];
        Facts f = new Facts(reported, lifetime);
        int roll = random.nextInt(100);
        if (roll < 50) {
            message(r, f, n);
        } else if (roll < 72) {
            tokenNotWorking(r, f);
        } else if (roll < 80) {
            r.put("symptom", "ACTIVATION_EMAIL_NOT_RECEIVED");
            f.softTokenState = "NEW";
            f.activationAgeSeconds = random.nextInt(4) == 0 ? lifetime + random.nextInt(86_400) : random.nextInt(lifetime);
            f.delivered = random.nextInt(4) == 0 ? Boolean.FALSE : Boolean.TRUE;
            f.inSpam = f.delivered && random.nextBoolean();
            f.emailValid = random.nextInt(4) != 0;
            f.first = "ENTRUST_SOFT_TOKEN";
        } else if (roll < 88) {
            r.put("symptom", "TOKEN_ACTIVATION_FAILED");
            f.softTokenState = "ACTIVATING";
            f.first = "ENTRUST_SOFT_TOKEN";
            f.platform = pick("IOS", "ANDROID", "ANDROID", "IOS", "BLACKBERRY", "J2ME", "WINDOWS_PHONE_8");
            f.activationAgeSeconds = random.nextBoolean() ? random.nextInt(lifetime) : lifetime + random.nextInt(3 * 86_400);
            f.statedExpiry = random.nextBoolean();
        } else if (roll < 94) {
            r.put("symptom", "NEW_PASSWORD_REJECTED");
            f.historySize = 1 + random.nextInt(24);
            f.inHistory = true;
        } else if (roll < 98) {
            r.put("symptom", "ST_UNLOCK_CANNOT_COMPLETE");
            f.locked = true;
            f.appLocked = true;
            f.first = "ENTRUST_SOFT_TOKEN";
        } else {
            r.put("symptom", "CANNOT_LOG_IN");
            f.role = random.nextInt(3) == 0 ? "SUPER_ADMINISTRATOR" : "ADMINISTRATOR";
            f.authenticators = 0;
        }
        user(r, f, n);
        authenticators(r, f, n);
        context(r, f);
        return r;
    }

    /** What the kind of record decided; everything else takes the ordinary value. */
    private final class Facts {
        final Instant reported;
        final int lifetime;
        String role = random.nextInt(100) < 92 ? "USER" : random.nextInt(4) == 0 ? "SUPER_ADMINISTRATOR" : "ADMINISTRATOR";
        String state = "ACTIVE";
        boolean locked;
        boolean appLocked;
        boolean emailValid = true;
        int authenticators = random.nextInt(5) < 4 ? 1 : random.nextInt(5) < 4 ? 2 : 3;
        String first = pick("ENTRUST_SOFT_TOKEN", "ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR", "MOBILE_SMART_CREDENTIAL", "GRID");
        String firstState = "ACTIVE";
        String softTokenState = "ACTIVE";
        String platform = pick("IOS", "ANDROID");
        long activationAgeSeconds = 86_400L * (20 + random.nextInt(400));
        boolean statedExpiry;
        Boolean inUse;
        Boolean delivered = Boolean.TRUE;
        boolean inSpam;
        Integer historySize = random.nextInt(5) == 0 ? 5 + random.nextInt(20) : null;
        boolean inHistory;
        Long clockSkew = random.nextInt(10) < 6 ? Long.valueOf(random.nextInt(61) - 30) : null;
        Boolean resourceRuleAllows = random.nextInt(5) == 0 ? Boolean.TRUE : null;
        String deviceNetwork = random.nextInt(10) < 4 ? (random.nextInt(5) == 0 ? "PRIVATE" : "PUBLIC") : null;
        String serviceNetwork = deviceNetwork != null && random.nextBoolean() ? "PUBLIC" : null;

        Facts(Instant reported, int lifetime) {
            this.reported = reported;
            this.lifetime = lifetime;
        }
    }

    private void message(ObjectNode r, Facts f, int n) {
        int m = random.nextInt(ExportGenerator.MESSAGES.length);
        if (random.nextInt(10) < 3) {
            r.put("symptom", "OTHER");
        }
        ObjectNode error = r.putObject("error");
        error.put("message", ExportGenerator.variant(random, ExportGenerator.MESSAGES[m].formatted(n)));
        if (random.nextInt(5) != 0) {
            error.put("source", SOURCES[m]);
        }
        f.first = MESSAGE_AUTHENTICATOR[m];
        if (m == 0) { // the activation the message is about: still pending, sent more than a lifetime ago
            f.softTokenState = "ACTIVATING";
            f.activationAgeSeconds = f.lifetime + random.nextInt(86_400);
        }
        if (m == 4) {
            f.deviceNetwork = pick("PUBLIC", "PRIVATE");
            f.serviceNetwork = pick("PUBLIC", "PRIVATE");
        }
    }

    private void tokenNotWorking(ObjectNode r, Facts f) {
        r.put("symptom", "TOKEN_NOT_WORKING");
        f.first = pick("ENTRUST_SOFT_TOKEN", "ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR", "ENTRUST_PHYSICAL_TOKEN", "OATH_PHYSICAL_TOKEN");
        f.inUse = random.nextBoolean() ? Boolean.TRUE : null;
        f.clockSkew = random.nextInt(10) < 7 ? Long.valueOf(random.nextInt(61) - 30) : null;
        int cause = random.nextInt(10);
        switch (cause) {
            case 0 -> f.state = "INACTIVE";
            case 1 -> f.locked = true;
            case 2 -> f.firstState = pick("INACTIVE", "NEW", "ACTIVATING", "UNASSIGNED");
            case 3 -> f.clockSkew = (random.nextBoolean() ? 1L : -1L) * (301 + random.nextInt(3_000));
            case 4 -> f.resourceRuleAllows = Boolean.FALSE;
            case 5 -> {
                f.role = "USER"; // an administrator without authenticators is row 2
                f.authenticators = 0;
            }
            default -> {
                // nothing in the facts points to a cause: the table's checks
            }
        }
        if (f.first.equals("ENTRUST_SOFT_TOKEN")) {
            f.softTokenState = f.firstState;
        }
    }

    private void user(ObjectNode r, Facts f, int n) {
        ObjectNode u = r.putObject("user");
        u.put("id", "usr-" + (1_000_000 + n));
        u.put("email", "user" + (1_000_000 + n) + "@example.com");
        if (!f.emailValid) {
            u.put("emailValid", false);
        }
        u.put("state", f.state);
        u.put("locked", f.locked);
        if (!f.role.equals("USER") || random.nextBoolean()) { // an end user's role is often left out
            u.put("role", f.role);
        }
        if (random.nextInt(10) < 3) {
            u.put("mobile", String.format(Locale.ROOT, "+1-202-555-01%02d", random.nextInt(100)));
            u.put("preferredOtpDelivery", pick("EMAIL", "SMS", "SMS", "VOICE"));
        }
    }

    private void authenticators(ObjectNode r, Facts f, int n) {
        ArrayNode list = r.putArray("authenticators");
        for (int k = 0; k < f.authenticators; k++) {
            String type = k == 0 ? f.first : pick("GRID", "FIDO", "GOOGLE_AUTHENTICATOR", "MOBILE_SMART_CREDENTIAL", "ENTRUST_PHYSICAL_TOKEN");
            if (k > 0 && type.equals(f.first)) {
                type = "KBA";
            }
            ObjectNode a = list.addObject();
            a.put("id", "tok-" + (1_000_000 + n) + "-" + (k + 1));
            a.put("type", type);
            a.put("state", k > 0 ? "ACTIVE" : type.equals("ENTRUST_SOFT_TOKEN") ? f.softTokenState : f.firstState);
            switch (type) {
                case "ENTRUST_SOFT_TOKEN" -> {
                    if (k == 0 && f.appLocked) {
                        a.put("appLocked", true);
                    }
                    a.put("name", "ST-" + hex(6));
                    a.put("platform", f.platform);
                    // an active token's activation is history, not always exported; a pending one's always is
                    if (!f.softTokenState.equals("ACTIVE") || random.nextInt(10) < 3) {
                        Instant sent = f.reported.minusSeconds(f.activationAgeSeconds);
                        a.put("activationSentAt", sent.toString());
                        if (f.statedExpiry) {
                            a.put("activationExpiresAt", sent.plusSeconds(f.lifetime).toString());
                        }
                    }
                }
                // the other kinds' labels are optional in IDaaS: half of them have one
                case "GOOGLE_AUTHENTICATOR" -> label(a, "GA-" + hex(6));
                case "ENTRUST_PHYSICAL_TOKEN", "OATH_PHYSICAL_TOKEN" -> label(a, "HW-" + hex(8));
                case "GRID" -> {
                    if (random.nextBoolean()) {
                        a.put("expired", false);
                    }
                }
                case "FIDO" -> label(a, pick("Security key", "Passkey"));
                default -> {
                    // smart credentials, OTP and KBA carry no more
                }
            }
            if (k == 0 && f.inUse != null) {
                a.put("inUse", f.inUse);
            }
        }
    }

    private void label(ObjectNode a, String name) {
        if (random.nextBoolean()) {
            a.put("name", name);
        }
    }

    private void context(ObjectNode r, Facts f) {
        if (f.clockSkew != null || f.deviceNetwork != null) {
            ObjectNode device = r.putObject("device");
            if (f.clockSkew != null) {
                device.put("clockSkewSeconds", f.clockSkew);
            }
            if (f.deviceNetwork != null) {
                device.put("network", f.deviceNetwork);
            }
        }
        if (f.serviceNetwork != null) {
            r.putObject("service").put("network", f.serviceNetwork);
        }
        if (f.lifetime != 300) { // the contract's settings are those that differ from the IDaaS defaults
            r.putObject("settings").put("activationLifetimeSeconds", f.lifetime);
        }
        if (f.historySize != null || f.inHistory) {
            ObjectNode p = r.putObject("passwordPolicy");
            if (f.historySize != null) {
                p.put("historySize", f.historySize);
            }
            p.put("newPasswordInHistory", f.inHistory);
        }
        if (f.resourceRuleAllows != null) {
            r.putObject("access").put("resourceRuleAllowsUser", f.resourceRuleAllows);
        }
        if (f.softTokenState.equals("NEW") || f.delivered == Boolean.FALSE || f.inSpam) {
            ObjectNode e = r.putObject("activationEmail");
            e.put("sent", true);
            e.put("delivered", f.delivered);
            e.put("inSpamFolder", f.inSpam);
        }
        if (random.nextInt(3) == 0) {
            r.put("remediationAttempts", random.nextInt(4));
        }
    }

    /** A record as one JSON Lines line. */
    public String toJsonLine(ObjectNode record) {
        return mapper.writeValueAsString(record);
    }

    /**
     * Writes a JSON Lines export of {@code n} records to {@code out}; about {@code badShare} of them malformed the
     * ways a full export goes wrong (cut short, a value the contract does not allow, an unknown field, an empty
     * line, invalid UTF-8), each but the empty line a whole record otherwise. Streams: a million lines fit any heap.
     */
    public void write(int n, double badShare, OutputStream out) throws IOException {
        for (int i = 0; i < n; i++) {
            boolean bad = random.nextDouble() < badShare;
            ObjectNode record = record(i);
            out.write(bad ? malformed(record) : toJsonLine(record).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }

    /** {@link #write} into memory, for tests. */
    public byte[] jsonLines(int n, double badShare) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 480);
        try {
            write(n, badShare, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private byte[] malformed(ObjectNode record) {
        switch (random.nextInt(5)) {
            case 0 -> {
                String line = toJsonLine(record);
                return line.substring(0, line.length() / 2).getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> ((ObjectNode) record.get("user")).put("state", "ENABLED");
            case 2 -> record.put("priority", "P1");
            case 3 -> {
                return new byte[0];
            }
            default -> {
                // a description whose e-acute is Latin-1 (0xE9), not UTF-8: the way a mis-encoded export breaks
                record.put("description", "caf\u00E9");
                byte[] utf8 = toJsonLine(record).getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream b = new ByteArrayOutputStream(utf8.length);
                for (int k = 0; k < utf8.length; k++) {
                    if ((utf8[k] & 0xFF) == 0xC3 && k + 1 < utf8.length && (utf8[k + 1] & 0xFF) == 0xA9) {
                        b.write(0xE9);
                        k++;
                    } else {
                        b.write(utf8[k]);
                    }
                }
                return b.toByteArray();
            }
        }
        return toJsonLine(record).getBytes(StandardCharsets.UTF_8);
    }

    private String hex(int digits) {
        return Long.toHexString((random.nextLong() & Long.MAX_VALUE) | (1L << 60)).substring(16 - digits).toUpperCase(Locale.ROOT);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
