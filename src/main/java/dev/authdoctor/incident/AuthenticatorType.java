package dev.authdoctor.incident;

/** Authenticator kinds, named after the IDaaS Administration API where it has a name for them. */
public enum AuthenticatorType {
    ENTRUST_SOFT_TOKEN, GOOGLE_AUTHENTICATOR, ENTRUST_PHYSICAL_TOKEN, OATH_PHYSICAL_TOKEN, ENTRUST_LEGACY_TOKEN,
    MOBILE_SMART_CREDENTIAL, PASSWORD, GRID, OTP, FIDO, KBA, OTHER;

    /** A token: something that generates one-time codes on a device (row 9 is about these). */
    public boolean isToken() {
        return switch (this) {
            case ENTRUST_SOFT_TOKEN, GOOGLE_AUTHENTICATOR, ENTRUST_PHYSICAL_TOKEN, OATH_PHYSICAL_TOKEN, ENTRUST_LEGACY_TOKEN -> true;
            default -> false;
        };
    }
}
