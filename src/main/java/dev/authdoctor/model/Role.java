package dev.authdoctor.model;

/** The user's role in IDaaS. */
public enum Role {
    USER, ADMINISTRATOR, SUPER_ADMINISTRATOR;

    public boolean isAdministrator() {
        return this != USER;
    }
}
