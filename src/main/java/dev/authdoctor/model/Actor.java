package dev.authdoctor.model;

/** Who carries out a step of the plan. */
public enum Actor { USER, ADMINISTRATOR, SUPER_ADMINISTRATOR, SUPPORT }
