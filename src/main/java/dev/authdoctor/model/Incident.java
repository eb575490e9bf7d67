package dev.authdoctor.model;

import java.time.Instant;
import java.util.List;

/**
 * One reported authenticator problem, shaped like {@code incident.schema.json}. Only {@code id} is
 * required; everything else is null when unknown. {@code authenticators} is null when unknown and
 * empty when the user is known to have none.
 */
public record Incident(
        String id,
        Instant reportedAt,
        Symptom symptom,
        String description,
        ErrorReport error,
        User user,
        List<Authenticator> authenticators,
        Device device,
        Service service,
        ActivationEmail activationEmail,
        Access access,
        PasswordPolicy passwordPolicy,
        Settings settings,
        Integer remediationAttempts) {

    public Incident {
        authenticators = authenticators == null ? null : List.copyOf(authenticators);
    }

    /** An incident with nothing but its id; fill it with the {@code with...} methods. */
    public static Incident of(String id) {
        return new Incident(id, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Attempts already made; zero when not reported. */
    public int attempts() {
        return remediationAttempts == null ? 0 : remediationAttempts;
    }

    public boolean hasNoAuthenticators() {
        return authenticators != null && authenticators.isEmpty();
    }
}
