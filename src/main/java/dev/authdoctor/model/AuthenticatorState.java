package dev.authdoctor.model;

/** IDaaS token states. */
public enum AuthenticatorState { NEW, ACTIVATING, ACTIVE, INACTIVE, UNASSIGNED }
