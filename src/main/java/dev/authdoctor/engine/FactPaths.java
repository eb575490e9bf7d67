package dev.authdoctor.engine;

import dev.authdoctor.incident.Access;
import dev.authdoctor.incident.ActivationEmail;
import dev.authdoctor.incident.AuthenticatorFacts;
import dev.authdoctor.incident.DeviceFacts;
import dev.authdoctor.incident.ErrorReport;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.PasswordPolicy;
import dev.authdoctor.incident.Service;
import dev.authdoctor.incident.UserFacts;
import dev.authdoctor.vocabulary.AccountSettings;

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
            UserFacts.class, "user", DeviceFacts.class, "device", Service.class, "service", Access.class, "access",
            ActivationEmail.class, "activationEmail", PasswordPolicy.class, "passwordPolicy", ErrorReport.class, "error",
            AccountSettings.class, "settings", AuthenticatorFacts.class, "authenticators[]", Incident.class, "");

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
