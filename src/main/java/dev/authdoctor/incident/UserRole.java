package dev.authdoctor.incident;

/** The user's role in IDaaS. */
public enum UserRole {
    /** An end user. */
    USER,
    /** An administrator. */
    ADMINISTRATOR,
    /** A Super Administrator: the only role that can unlock some accounts. */
    SUPER_ADMINISTRATOR;

    /**
     * Whether the role is an administrator's.
     *
     * @return true for ADMINISTRATOR and SUPER_ADMINISTRATOR
     */
    public boolean isAdministrator() {
        return this != USER;
    }
}
