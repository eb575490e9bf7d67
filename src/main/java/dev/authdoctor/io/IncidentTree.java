package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import dev.authdoctor.incident.Access;
import dev.authdoctor.incident.ActivationEmail;
import dev.authdoctor.incident.AuthenticatorFacts;
import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.DeviceFacts;
import dev.authdoctor.incident.ErrorReport;
import dev.authdoctor.incident.ErrorSource;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Network;
import dev.authdoctor.incident.OtpDelivery;
import dev.authdoctor.incident.PasswordPolicy;
import dev.authdoctor.incident.Platform;
import dev.authdoctor.incident.Service;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.TenantSettings;
import dev.authdoctor.incident.UserFacts;
import dev.authdoctor.incident.UserRole;
import dev.authdoctor.incident.UserState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An incident in the contract's JSON form and back, field by field, so the model needs no JSON library
 * (nor its annotations). An unknown fact (null) is left out of the JSON; a null in a list is kept, as
 * JSON null, for the contract to name.
 */
public final class IncidentTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Binds the few values with more than one spelling (times, numbers such as 1.0) as reading always has. */
    private static final JsonMapper BINDER = JsonMapper.builder().build();

    private IncidentTree() {
    }

    /** The incident as the contract's JSON object. */
    public static ObjectNode toTree(Incident i) {
        ObjectNode o = NODES.objectNode();
        put(o, "id", i.id());
        put(o, "reportedAt", i.reportedAt());
        put(o, "symptom", i.symptom());
        put(o, "description", i.description());
        if (i.error() != null) {
            ErrorReport e = i.error();
            ObjectNode n = o.putObject("error");
            put(n, "message", e.message());
            put(n, "source", e.source());
            put(n, "code", e.code());
        }
        if (i.user() != null) {
            UserFacts u = i.user();
            ObjectNode n = o.putObject("user");
            put(n, "id", u.id());
            put(n, "email", u.email());
            put(n, "emailValid", u.emailValid());
            put(n, "state", u.state());
            put(n, "locked", u.locked());
            put(n, "role", u.role());
            put(n, "mobile", u.mobile());
            put(n, "phone", u.phone());
            put(n, "preferredOtpDelivery", u.preferredOtpDelivery());
        }
        if (i.authenticators() != null) {
            ArrayNode list = o.putArray("authenticators");
            for (AuthenticatorFacts a : i.authenticators()) {
                if (a == null) {
                    list.addNull();
                    continue;
                }
                ObjectNode n = list.addObject();
                put(n, "id", a.id());
                put(n, "type", a.type());
                put(n, "state", a.state());
                put(n, "locked", a.locked());
                put(n, "appLocked", a.appLocked());
                put(n, "name", a.name());
                put(n, "platform", a.platform());
                put(n, "activationSentAt", a.activationSentAt());
                put(n, "activationExpiresAt", a.activationExpiresAt());
                put(n, "inUse", a.inUse());
                put(n, "expired", a.expired());
                put(n, "resynchronized", a.resynchronized());
            }
        }
        if (i.device() != null) {
            ObjectNode n = o.putObject("device");
            put(n, "clockSkewSeconds", i.device().clockSkewSeconds());
            put(n, "network", i.device().network());
        }
        if (i.service() != null) {
            put(o.putObject("service"), "network", i.service().network());
        }
        if (i.activationEmail() != null) {
            ActivationEmail e = i.activationEmail();
            ObjectNode n = o.putObject("activationEmail");
            put(n, "sent", e.sent());
            put(n, "delivered", e.delivered());
            put(n, "inSpamFolder", e.inSpamFolder());
        }
        if (i.access() != null) {
            put(o.putObject("access"), "resourceRuleAllowsUser", i.access().resourceRuleAllowsUser());
        }
        if (i.passwordPolicy() != null) {
            ObjectNode n = o.putObject("passwordPolicy");
            put(n, "historySize", i.passwordPolicy().historySize());
            put(n, "newPasswordInHistory", i.passwordPolicy().newPasswordInHistory());
        }
        if (i.settings() != null) {
            TenantSettings s = i.settings();
            ObjectNode n = o.putObject("settings");
            put(n, "tokenTimeStepSeconds", s.tokenTimeStepSeconds());
            put(n, "maxTimeSteps", s.maxTimeSteps());
            put(n, "activationLifetimeSeconds", s.activationLifetimeSeconds());
            put(n, "maxResetTimeSteps", s.maxResetTimeSteps());
        }
        put(o, "remediationAttempts", i.remediationAttempts());
        return o;
    }

    private static void put(ObjectNode o, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Boolean b) {
            o.put(name, b);
        } else if (value instanceof Integer n) {
            o.put(name, n);
        } else if (value instanceof Enum<?> e) {
            o.put(name, e.name());
        } else {
            o.put(name, value.toString()); // String; Instant in ISO-8601, as the contract's date-time
        }
    }

    /**
     * The incident of a JSON object the contract has just found valid, through the same builders Java
     * code uses. Rejected only for what the schema cannot say, e.g. an integer too large for the field.
     */
    static ReadResult fromCheckedTree(JsonNode node) {
        Mapping m = new Mapping();
        Incident.Builder b = Incident.builder(node.get("id").asString());
        m.instant(node, "reportedAt", "reportedAt", b::reportedAt);
        m.enumValue(node, "symptom", "symptom", Symptom.class, b::symptom);
        m.string(node, "description", b::description);
        JsonNode n = node.get("error");
        if (n != null) {
            ErrorReport.Builder e = ErrorReport.builder();
            m.string(n, "message", e::message);
            m.enumValue(n, "source", "error.source", ErrorSource.class, e::source);
            m.string(n, "code", e::code);
            b.error(e.build());
        }
        if ((n = node.get("user")) != null) {
            UserFacts.Builder u = UserFacts.builder();
            m.string(n, "id", u::id);
            m.string(n, "email", u::email);
            m.bool(n, "emailValid", u::emailValid);
            m.enumValue(n, "state", "user.state", UserState.class, u::state);
            m.bool(n, "locked", u::locked);
            m.enumValue(n, "role", "user.role", UserRole.class, u::role);
            m.string(n, "mobile", u::mobile);
            m.string(n, "phone", u::phone);
            m.enumValue(n, "preferredOtpDelivery", "user.preferredOtpDelivery", OtpDelivery.class, u::preferredOtpDelivery);
            b.user(u.build());
        }
        if ((n = node.get("authenticators")) != null) {
            List<AuthenticatorFacts> list = new ArrayList<>(n.size());
            for (int k = 0; k < n.size(); k++) {
                JsonNode an = n.get(k);
                String at = "authenticators[" + k + "].";
                AuthenticatorFacts.Builder a = AuthenticatorFacts.builder();
                m.string(an, "id", a::id);
                m.enumValue(an, "type", at + "type", AuthenticatorType.class, a::type);
                m.enumValue(an, "state", at + "state", AuthenticatorState.class, a::state);
                m.bool(an, "locked", a::locked);
                m.bool(an, "appLocked", a::appLocked);
                m.string(an, "name", a::name);
                m.enumValue(an, "platform", at + "platform", Platform.class, a::platform);
                m.instant(an, "activationSentAt", at + "activationSentAt", a::activationSentAt);
                m.instant(an, "activationExpiresAt", at + "activationExpiresAt", a::activationExpiresAt);
                m.bool(an, "inUse", a::inUse);
                m.bool(an, "expired", a::expired);
                m.bool(an, "resynchronized", a::resynchronized);
                list.add(a.build());
            }
            b.authenticators(list);
        }
        if ((n = node.get("device")) != null) {
            DeviceFacts.Builder d = DeviceFacts.builder();
            m.integer(n, "clockSkewSeconds", "device.clockSkewSeconds", d::clockSkewSeconds);
            m.enumValue(n, "network", "device.network", Network.class, d::network);
            b.device(d.build());
        }
        if ((n = node.get("service")) != null) {
            Service.Builder s = Service.builder();
            m.enumValue(n, "network", "service.network", Network.class, s::network);
            b.service(s.build());
        }
        if ((n = node.get("activationEmail")) != null) {
            ActivationEmail.Builder e = ActivationEmail.builder();
            m.bool(n, "sent", e::sent);
            m.bool(n, "delivered", e::delivered);
            m.bool(n, "inSpamFolder", e::inSpamFolder);
            b.activationEmail(e.build());
        }
        if ((n = node.get("access")) != null) {
            Access.Builder a = Access.builder();
            m.bool(n, "resourceRuleAllowsUser", a::resourceRuleAllowsUser);
            b.access(a.build());
        }
        if ((n = node.get("passwordPolicy")) != null) {
            PasswordPolicy.Builder p = PasswordPolicy.builder();
            m.integer(n, "historySize", "passwordPolicy.historySize", p::historySize);
            m.bool(n, "newPasswordInHistory", p::newPasswordInHistory);
            b.passwordPolicy(p.build());
        }
        if ((n = node.get("settings")) != null) {
            TenantSettings.Builder s = TenantSettings.builder();
            m.integer(n, "tokenTimeStepSeconds", "settings.tokenTimeStepSeconds", s::tokenTimeStepSeconds);
            m.integer(n, "maxTimeSteps", "settings.maxTimeSteps", s::maxTimeSteps);
            m.integer(n, "activationLifetimeSeconds", "settings.activationLifetimeSeconds", s::activationLifetimeSeconds);
            m.integer(n, "maxResetTimeSteps", "settings.maxResetTimeSteps", s::maxResetTimeSteps);
            b.settings(s.build());
        }
        m.integer(node, "remediationAttempts", "remediationAttempts", b::remediationAttempts);
        if (!m.errors.isEmpty()) {
            return new ReadResult.Rejected(node.get("id").asString(), m.errors);
        }
        return new ReadResult.Accepted(IncidentContract.buildChecked(b));
    }

    /** Reads the leaves of a checked tree; types and enum names are already right, so only binding can fail. */
    private static final class Mapping {
        final List<String> errors = new ArrayList<>();

        void string(JsonNode parent, String name, Consumer<String> to) {
            JsonNode v = parent.get(name);
            if (v != null) {
                to.accept(v.asString());
            }
        }

        void bool(JsonNode parent, String name, Consumer<Boolean> to) {
            JsonNode v = parent.get(name);
            if (v != null) {
                to.accept(v.booleanValue());
            }
        }

        <E extends Enum<E>> void enumValue(JsonNode parent, String name, String path, Class<E> type, Consumer<E> to) {
            JsonNode v = parent.get(name);
            if (v == null) {
                return;
            }
            try {
                to.accept(Enum.valueOf(type, v.asString()));
            } catch (IllegalArgumentException e) {
                // The contract and the enum are kept equal by a test; this names a drift should one slip in.
                errors.add(path + ": " + v + " is not known to this version");
            }
        }

        void integer(JsonNode parent, String name, String path, Consumer<Integer> to) {
            JsonNode v = parent.get(name);
            if (v == null) {
                return;
            }
            if (v.isInt()) {
                to.accept(v.intValue());
                return;
            }
            bind(v, path, Integer.class, to); // 1.0, 1e3, or out of an int's range
        }

        void instant(JsonNode parent, String name, String path, Consumer<Instant> to) {
            JsonNode v = parent.get(name);
            if (v == null) {
                return;
            }
            Instant plain = v.isString() ? FastContract.DateTimes.plainInstant(v.asString()) : null;
            if (plain != null) {
                to.accept(plain);
            } else {
                bind(v, path, Instant.class, to);
            }
        }

        private <T> void bind(JsonNode v, String path, Class<T> type, Consumer<T> to) {
            try {
                to.accept(BINDER.treeToValue(v, type));
            } catch (JacksonException e) {
                errors.add(path + ": " + e.getOriginalMessage());
            }
        }
    }
}
