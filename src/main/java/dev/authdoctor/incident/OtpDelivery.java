package dev.authdoctor.incident;

/** How a user wants one-time passcodes delivered (IDaaS: preferredOtpDelivery). */
public enum OtpDelivery { EMAIL, SMS, VOICE, SYSTEM }
