package dev.authdoctor.incident;

/** Where the error text was seen (incident contract: {@code error.source}). */
public enum ErrorSource {
    ENTRUST_ST_APP, GOOGLE_AUTHENTICATOR_APP, SMART_CREDENTIAL_APP, RESET_TOKEN_WINDOW, ADMIN_PORTAL, USER_PORTAL, OTHER
}
