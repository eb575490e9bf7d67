package dev.authdoctor.incident;

/** How a user wants one-time passcodes delivered (IDaaS: preferredOtpDelivery). */
public enum OtpDelivery {
    /** By e-mail. */
    EMAIL,
    /** By text message to the mobile number. */
    SMS,
    /** By a voice call to the phone number. */
    VOICE,
    /** The system's default. */
    SYSTEM
}
