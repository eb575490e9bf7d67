package dev.authdoctor.vocabulary;

import dev.authdoctor.incident.AuthenticatorFacts;

/** Whether a pending activation of an Entrust ST authenticator had run out when the incident was reported. */
public record ActivationWindow(AuthenticatorFacts authenticator, boolean expired) {

    /**
     * The window of a pending activation at {@code at}; null when the facts cannot tell.
     *
     * @param a the authenticator
     * @param at when the incident was reported
     * @param lifetimeSeconds how long an activation stays valid, in seconds
     * @return the window, or null
     */
    public static ActivationWindow measure(AuthenticatorFacts a, java.time.Instant at, long lifetimeSeconds) {
        Boolean expired = a.activationExpiredAt(at, lifetimeSeconds);
        return expired == null ? null : new ActivationWindow(a, expired);
    }
}
