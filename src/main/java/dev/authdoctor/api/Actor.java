package dev.authdoctor.api;

/** Who carries out a step of the plan. */
public enum Actor { USER, ADMINISTRATOR, SUPER_ADMINISTRATOR, SUPPORT }
