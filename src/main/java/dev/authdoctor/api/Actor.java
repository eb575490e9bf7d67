package dev.authdoctor.api;

/** Who carries out a step of the plan. */
public enum Actor {
    /** The user. */
    USER,
    /** An administrator. */
    ADMINISTRATOR,
    /** A Super Administrator. */
    SUPER_ADMINISTRATOR,
    /** Support: the help desk in force. */
    SUPPORT
}
