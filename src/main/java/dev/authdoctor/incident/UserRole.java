package dev.authdoctor.incident;

/** The user's role in IDaaS. */
public enum UserRole {
    USER, ADMINISTRATOR, SUPER_ADMINISTRATOR;

    public boolean isAdministrator() {
        return this != USER;
    }
}
