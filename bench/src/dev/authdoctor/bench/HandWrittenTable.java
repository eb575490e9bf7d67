package dev.authdoctor.bench;

import dev.authdoctor.incident.AuthenticatorFacts;
import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.UserState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The floor for the diagnose benchmark: the seed table as a hand-written Java decision function, doing the
 * same job in the cheapest way (messages matched by a normalised "contains", rows by if-chains, plans as
 * constant lists). No tolerance for typos, no explanations, no packs: what authdoctor costs on top of this
 * is what the rule engine and its extras cost.
 */
public final class HandWrittenTable {

    public record Plan(List<String> problems, List<String> causes, List<String> steps, String escalation) {
    }

    private static final String[][] MESSAGES = {
            {"thesofttokencouldnotbeactivatedbecausetheactivationcodehasexpired", "st-activation-code-expired"},
            {"anidentitywiththespecifiednamealreadyexists", "st-identity-name-exists"},
            {"invalidkeythekeysequenceofnumbersandlettersisinvalid", "ga-invalid-key"},
            {"certificatevalidationerrorcommunicatingto", "msc-certificate-validation-error"},
            {"failedtoactivateyouridentityregistrationpasswordhasexpiredorisinvalid", "msc-registration-password-expired"},
            {"thepasswordenteredisincorrectorthelinkiscorrupted", "msc-password-incorrect-or-link-corrupted"}};

    private HandWrittenTable() {
    }

    public static Plan decide(Incident i) {
        List<String> problems = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        String escalation = null;
        if (i.error() != null && i.error().message() != null) {
            String m = normalise(i.error().message());
            for (String[] known : MESSAGES) {
                if (m.contains(known[0])) {
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
