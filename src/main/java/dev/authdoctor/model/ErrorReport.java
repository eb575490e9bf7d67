package dev.authdoctor.model;

/** The error text as the person saw or copied it, where, and the API's error code when one was returned. */
public record ErrorReport(String message, ErrorSource source, String code) {
}
