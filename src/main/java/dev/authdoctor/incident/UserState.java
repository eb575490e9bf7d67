package dev.authdoctor.incident;

/** IDaaS user states. */
public enum UserState {
    /** The user can authenticate. */
    ACTIVE,
    /** The user is disabled in IDaaS. */
    INACTIVE
}
