package dev.authdoctor.incident;

/** Where the error text was seen (incident contract: {@code error.source}). */
public enum ErrorSource {
    /** The Entrust ST mobile app. */
    ENTRUST_ST_APP,
    /** The Google Authenticator app. */
    GOOGLE_AUTHENTICATOR_APP,
    /** The smart credential app. */
    SMART_CREDENTIAL_APP,
    /** The reset token window. */
    RESET_TOKEN_WINDOW,
    /** The IDaaS administration portal. */
    ADMIN_PORTAL,
    /** The IDaaS user portal or login page. */
    USER_PORTAL,
    /** Somewhere else. */
    OTHER
}
