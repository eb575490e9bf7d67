package dev.authdoctor.incident;

/** Whether a network is public or private. */
public enum Network { PUBLIC, PRIVATE }
