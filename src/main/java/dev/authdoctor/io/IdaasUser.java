package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a user object as the IDaaS Administration API returns it (5.46: {@code state}, {@code locked},
 * {@code email}, {@code mobile}, {@code phone}, {@code tokens}, {@code smartCredentials}, {@code grids},
 * {@code fidoTokens}, {@code authenticatorLockoutStatus}, ...) into an incident in the input contract's
 * shape. The symptom, message and id come from whoever reports the problem. Fields the incident has no
 * use for are ignored; a value the API does not allow is an error naming the API field.
 */
public final class IdaasUser {

    /** What the person reported, beside the API's user object. */
    public record Report(String incidentId, String symptom, String message, String source) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TOKEN_TYPES = Set.of("ENTRUST_PHYSICAL_TOKEN", "ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR",
            "OATH_PHYSICAL_TOKEN", "ENTRUST_LEGACY_TOKEN");
    private static final Set<String> TOKEN_STATES = Set.of("NEW", "ACTIVATING", "ACTIVE", "INACTIVE", "UNASSIGNED");
    private static final Set<String> GRID_STATES = Set.of("ACTIVE", "INACTIVE", "UNASSIGNED", "PENDING", "CANCELED");
    private static final Set<String> ACTIVE_INACTIVE = Set.of("ACTIVE", "INACTIVE");
    /** API lockout types (UserAuthenticatorLockoutStatus.type) onto the list they lock. */
    private static final Map<String, String> LOCKOUT_TYPES = Map.of("TOKEN", "tokens", "TOKENCR", "tokens", "TOKENPUSH", "tokens",
            "GRID", "grids", "FIDO", "fidoTokens", "PASSKEY", "fidoTokens", "SMARTCREDENTIALPUSH", "smartCredentials");

    private IdaasUser() {
    }

    /** Reads the API's user object and the report, and gives the incident to diagnose (or why there is none). */
    public static ReadResult read(String apiUserJson, Report report, IncidentReader reader) {
        JsonNode user;
        try {
            user = JSON.readTree(apiUserJson);
        } catch (JacksonException e) {
            return new ReadResult.Rejected(report.incidentId(), List.of("the IDaaS user object is not valid JSON: " + e.getOriginalMessage()));
        }
        if (user == null || !user.isObject()) {
            return new ReadResult.Rejected(report.incidentId(), List.of("the IDaaS user object: expected a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        ObjectNode incident = toIncident(user, report, errors);
        if (!errors.isEmpty()) {
            return new ReadResult.Rejected(report.incidentId(), errors);
        }
        return reader.read(incident);
    }

    static ObjectNode toIncident(JsonNode user, Report report, List<String> errors) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode incident = f.objectNode();
        String id = report.incidentId() != null ? report.incidentId()
                : "idaas-user-" + user.path("id").asString(user.path("userId").asString("unknown"));
        incident.put("id", id);
        if (report.symptom() != null) {
            incident.put("symptom", report.symptom());
        }
        if (report.message() != null) {
            ObjectNode error = incident.putObject("error").put("message", report.message());
            if (report.source() != null) {
                error.put("source", report.source());
            }
        }
        ObjectNode u = incident.putObject("user");
        copyText(user, "userId", u, "id");
        copyText(user, "email", u, "email");
        copyText(user, "mobile", u, "mobile");
        copyText(user, "phone", u, "phone");
        copyEnum(user, "state", u, "state", ACTIVE_INACTIVE, "state", errors);
        copyEnum(user, "preferredOtpDelivery", u, "preferredOtpDelivery", Set.of("EMAIL", "SMS", "VOICE", "SYSTEM"),
                "preferredOtpDelivery", errors);
        if (user.has("locked")) {
            u.put("locked", user.get("locked").asBoolean());
        }

        List<String> lockedLists = new ArrayList<>();
        for (JsonNode status : user.path("authenticatorLockoutStatus")) {
            String list = LOCKOUT_TYPES.get(status.path("type").asString(""));
            if (list != null && status.path("locked").asBoolean(false)) {
                lockedLists.add(list);
            }
        }
        boolean anyList = false;
        ArrayNode authenticators = f.arrayNode();
        for (String list : List.of("tokens", "smartCredentials", "grids", "fidoTokens")) {
            JsonNode items = user.get(list);
            if (items == null || items.isNull()) {
                continue;
            }
            if (!items.isArray()) {
                errors.add(list + ": expected an array");
                continue;
            }
            anyList = true;
            int i = 0;
            for (JsonNode item : items) {
                String where = list + "[" + i++ + "]";
                ObjectNode a = authenticators.addObject();
                copyText(item, "id", a, "id");
                switch (list) {
                    case "tokens" -> {
                        String type = item.path("type").asString("");
                        if (!TOKEN_TYPES.contains(type)) {
                            errors.add(where + ".type: \"" + type + "\" is not one of " + String.join(", ", TOKEN_TYPES.stream().sorted().toList()));
                        }
                        a.put("type", type);
                        copyEnum(item, "state", a, "state", TOKEN_STATES, where + ".state", errors);
                        copyText(item, "name", a, "name");
                        String platform = platform(item.path("platform").asString(null));
                        if (platform != null) {
                            a.put("platform", platform);
                        }
                    }
                    case "smartCredentials" -> {
                        a.put("type", "MOBILE_SMART_CREDENTIAL");
                        copyEnum(item, "state", a, "state", ACTIVE_INACTIVE, where + ".state", errors);
                    }
                    case "grids" -> {
                        a.put("type", "GRID");
                        copyEnum(item, "state", a, "state", GRID_STATES, where + ".state", errors);
                        if (item.has("expired")) {
                            a.put("expired", item.get("expired").asBoolean());
                        }
                    }
                    default -> {
                        a.put("type", "FIDO");
                        copyEnum(item, "state", a, "state", ACTIVE_INACTIVE, where + ".state", errors);
                        copyText(item, "name", a, "name");
                    }
                }
                if (lockedLists.contains(list)) {
                    a.put("locked", true);
                }
            }
        }
        if (anyList) {
            incident.set("authenticators", authenticators);
        }
        return incident;
    }

    /** The API's free-text platform ("iOS", "Android 14", ...) as the contract's enum; null when not one of them. */
    static String platform(String apiPlatform) {
        if (apiPlatform == null || apiPlatform.isBlank()) {
            return null;
        }
        String p = apiPlatform.toLowerCase(Locale.ROOT);
        if (p.contains("ios") || p.contains("iphone") || p.contains("ipad")) {
            return "IOS";
        }
        if (p.contains("android")) {
            return "ANDROID";
        }
        if (p.contains("blackberry")) {
            return "BLACKBERRY";
        }
        if (p.contains("windows phone")) {
            return "WINDOWS_PHONE_8";
        }
        if (p.contains("j2me") || p.contains("java me")) {
            return "J2ME";
        }
        return "OTHER";
    }

    private static void copyText(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.get(field);
        if (v != null && v.isString() && !v.asString().isEmpty()) {
            to.put(as, v.asString());
        }
    }

    private static void copyEnum(JsonNode from, String field, ObjectNode to, String as, Set<String> allowed, String where, List<String> errors) {
        JsonNode v = from.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        String s = v.asString("");
        if (!allowed.contains(s)) {
            errors.add(where + ": \"" + s + "\" is not one of " + String.join(", ", allowed.stream().sorted().toList()));
            return;
        }
        to.put(as, s);
    }
}
