package dev.authdoctor.model;

/** IDaaS user states. */
public enum UserState { ACTIVE, INACTIVE }
