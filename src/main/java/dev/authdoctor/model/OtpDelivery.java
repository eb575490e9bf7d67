package dev.authdoctor.model;

/** How a user wants one-time passcodes delivered (IDaaS: preferredOtpDelivery). */
public enum OtpDelivery { EMAIL, SMS, VOICE, SYSTEM }
