package dev.authdoctor.model;

import java.time.Instant;

/** One authenticator assigned to the user. Only {@code type} is always known. */
public record Authenticator(
        String id,
        AuthenticatorType type,
        AuthenticatorState state,
        Boolean locked,
        Boolean appLocked,
        String name,
        Platform platform,
        Instant activationSentAt,
        Instant activationExpiresAt,
        Boolean inUse,
        Boolean expired,
        Boolean resynchronized) {

    /**
     * Whether it can authenticate in its state. A Google Authenticator token also works while
     * ACTIVATING (IDaaS accepts its codes before the activation is confirmed); a grid works while
     * PENDING; an expired one does not.
     */
    public boolean canAuthenticate() {
        if (Boolean.TRUE.equals(expired)) {
            return false;
        }
        return state == AuthenticatorState.ACTIVE
                || (state == AuthenticatorState.ACTIVATING && type == AuthenticatorType.GOOGLE_AUTHENTICATOR)
                || (state == AuthenticatorState.PENDING && type == AuthenticatorType.GRID);
    }

    /** When its activation stops being valid: the stated expiry, else sent time plus the lifetime; null when unknown. */
    public Instant activationExpiry(long lifetimeSeconds) {
        if (activationExpiresAt != null) {
            return activationExpiresAt;
        }
        return activationSentAt == null ? null : activationSentAt.plusSeconds(lifetimeSeconds);
    }

    /**
     * Whether its activation had expired at {@code at}, for an activation still pending; null when the
     * facts cannot tell (no time of report, no expiry, or the authenticator is already active).
     */
    public Boolean activationExpiredAt(Instant at, long lifetimeSeconds) {
        Instant expiry = activationExpiry(lifetimeSeconds);
        if (at == null || expiry == null || !isActivationPending()) {
            return null;
        }
        return expiry.isBefore(at);
    }

    public boolean isToken() {
        return type != null && type.isToken();
    }

    /** Still waiting for its activation to complete. */
    public boolean isActivationPending() {
        return state == null || state == AuthenticatorState.NEW || state == AuthenticatorState.ACTIVATING;
    }
}
