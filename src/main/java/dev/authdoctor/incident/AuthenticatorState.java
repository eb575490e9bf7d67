package dev.authdoctor.incident;

/** IDaaS token states; grids also have PENDING (usable) and CANCELED (final). */
public enum AuthenticatorState {
    /** Assigned, activation not started. */
    NEW,
    /** Activation sent, not completed. */
    ACTIVATING,
    /** In use. */
    ACTIVE,
    /** Disabled. */
    INACTIVE,
    /** No longer assigned to a user. */
    UNASSIGNED,
    /** A grid that is usable but not yet confirmed. */
    PENDING,
    /** A grid cancelled for good. */
    CANCELED
}
