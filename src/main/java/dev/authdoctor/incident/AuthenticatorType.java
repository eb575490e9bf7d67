package dev.authdoctor.incident;

/** Authenticator kinds, named after the IDaaS Administration API where it has a name for them. */
public enum AuthenticatorType {
    /** Entrust Soft Token, in the Entrust ST mobile app. */
    ENTRUST_SOFT_TOKEN,
    /** Google Authenticator. */
    GOOGLE_AUTHENTICATOR,
    /** An Entrust hardware token. */
    ENTRUST_PHYSICAL_TOKEN,
    /** An OATH hardware token of another maker. */
    OATH_PHYSICAL_TOKEN,
    /** An Entrust legacy token. */
    ENTRUST_LEGACY_TOKEN,
    /** A mobile smart credential. */
    MOBILE_SMART_CREDENTIAL,
    /** A password. */
    PASSWORD,
    /** A grid card. */
    GRID,
    /** One-time passcodes by e-mail, SMS or voice. */
    OTP,
    /** A FIDO2 security key or passkey. */
    FIDO,
    /** Knowledge-based questions. */
    KBA,
    /** Another kind. */
    OTHER;

    /**
     * A token: something that generates one-time codes on a device (row 9 is about these).
     *
     * @return true for the soft, physical and legacy tokens and Google Authenticator
     */
    public boolean isToken() {
        return switch (this) {
            case ENTRUST_SOFT_TOKEN, GOOGLE_AUTHENTICATOR, ENTRUST_PHYSICAL_TOKEN, OATH_PHYSICAL_TOKEN, ENTRUST_LEGACY_TOKEN -> true;
            default -> false;
        };
    }
}
