package dev.authdoctor.incident;

/** The device platform an authenticator runs on. */
public enum Platform {
    IOS, ANDROID, BLACKBERRY, WINDOWS_PHONE_8, J2ME, DESKTOP, OTHER;

    /** Platforms on which Entrust ST may not support every activation type (seed, row 8). */
    public boolean hasLimitedActivationTypes() {
        return this == BLACKBERRY || this == WINDOWS_PHONE_8 || this == J2ME;
    }
}
