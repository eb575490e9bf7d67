package dev.authdoctor.incident;

/** IDaaS token states; grids also have PENDING (usable) and CANCELED (final). */
public enum AuthenticatorState { NEW, ACTIVATING, ACTIVE, INACTIVE, UNASSIGNED, PENDING, CANCELED }
