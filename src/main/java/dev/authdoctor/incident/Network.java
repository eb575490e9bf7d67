package dev.authdoctor.incident;

/** Whether a network is public or private. */
public enum Network {
    /** A public network, such as the internet or a guest Wi-Fi. */
    PUBLIC,
    /** A private network, such as the organisation's own. */
    PRIVATE
}
