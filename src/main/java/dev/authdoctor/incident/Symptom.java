package dev.authdoctor.incident;

/** What was reported when there is no error text to go by (incident contract: {@code symptom}). */
public enum Symptom {
    ST_UNLOCK_CANNOT_COMPLETE, CANNOT_LOG_IN, ACTIVATION_EMAIL_NOT_RECEIVED, TOKEN_ACTIVATION_FAILED,
    TOKEN_NOT_WORKING, NEW_PASSWORD_REJECTED, OTHER,
    // beyond the seed table (idaas-extended pack)
    ST_APP_PIN_LOCKED, OTP_NOT_OFFERED, GRID_NOT_ACCEPTED, PASSKEY_REGISTRATION_FAILED
}
