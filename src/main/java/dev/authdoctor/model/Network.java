package dev.authdoctor.model;

/** Whether a network is public or private. */
public enum Network { PUBLIC, PRIVATE }
