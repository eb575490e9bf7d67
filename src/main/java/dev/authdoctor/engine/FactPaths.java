package dev.authdoctor.engine;

import dev.authdoctor.model.AccountSettings;
import dev.authdoctor.model.Access;
import dev.authdoctor.model.ActivationEmail;
import dev.authdoctor.model.Authenticator;
import dev.authdoctor.model.Device;
import dev.authdoctor.model.ErrorReport;
import dev.authdoctor.model.Incident;
import dev.authdoctor.model.PasswordPolicy;
import dev.authdoctor.model.Service;
import dev.authdoctor.model.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How facts and rule conditions are named in the incident contract's field paths: shared by explanations and why-not. */
final class FactPaths {

    /** A field (or dotted path of fields) named in a condition: lower-case start, not a string, a variable or a call. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$\"])([a-z][A-Za-z0-9]*(?:\\.[a-z][A-Za-z0-9]*)*)(?![\\w\"(])");
    private static final Map<Class<?>, String> PREFIXES = Map.of(
            User.class, "user", Device.class, "device", Service.class, "service", Access.class, "access",
            ActivationEmail.class, "activationEmail", PasswordPolicy.class, "passwordPolicy", ErrorReport.class, "error",
            AccountSettings.class, "settings", Authenticator.class, "authenticators[]", Incident.class, "");

    private FactPaths() {
    }

    /** The contract path a fact type sits at ({@code ""} for the incident itself); null for a derived fact. */
    static String prefix(Class<?> type) {
        return PREFIXES.get(type);
    }

    /** The identifiers a condition names, in order of appearance. */
    static List<String> identifiers(String constraint) {
        List<String> out = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(constraint);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
