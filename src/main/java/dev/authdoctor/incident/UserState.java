package dev.authdoctor.incident;

/** IDaaS user states. */
public enum UserState { ACTIVE, INACTIVE }
