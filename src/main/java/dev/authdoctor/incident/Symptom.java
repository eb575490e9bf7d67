package dev.authdoctor.incident;

/** What was reported when there is no error text to go by (incident contract: {@code symptom}). */
public enum Symptom {
    /** The "Unlock Entrust ST application" procedure cannot be completed. */
    ST_UNLOCK_CANNOT_COMPLETE,
    /** The user cannot log in. */
    CANNOT_LOG_IN,
    /** The activation e-mail did not arrive. */
    ACTIVATION_EMAIL_NOT_RECEIVED,
    /** A token could not be activated. */
    TOKEN_ACTIVATION_FAILED,
    /** The token does not work when the user authenticates. */
    TOKEN_NOT_WORKING,
    /** A new password is refused. */
    NEW_PASSWORD_REJECTED,
    /** Something else. */
    OTHER,
    /** The Entrust ST app is locked by its PIN (idaas-extended pack). */
    ST_APP_PIN_LOCKED,
    /** No one-time passcode is offered at login (idaas-extended pack). */
    OTP_NOT_OFFERED,
    /** A grid card answer is not accepted (idaas-extended pack). */
    GRID_NOT_ACCEPTED,
    /** A passkey could not be registered (idaas-extended pack). */
    PASSKEY_REGISTRATION_FAILED
}
