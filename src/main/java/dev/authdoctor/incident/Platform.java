package dev.authdoctor.incident;

/** The device platform an authenticator runs on. */
public enum Platform {
    /** Apple iOS. */
    IOS,
    /** Android. */
    ANDROID,
    /** BlackBerry. */
    BLACKBERRY,
    /** Windows Phone 8. */
    WINDOWS_PHONE_8,
    /** Java ME phones. */
    J2ME,
    /** A desktop computer. */
    DESKTOP,
    /** Another platform. */
    OTHER;

    /**
     * Platforms on which Entrust ST may not support every activation type (seed, row 8).
     *
     * @return true for BLACKBERRY, WINDOWS_PHONE_8 and J2ME
     */
    public boolean hasLimitedActivationTypes() {
        return this == BLACKBERRY || this == WINDOWS_PHONE_8 || this == J2ME;
    }
}
