package dev.authdoctor.model;

/** The error text as the person saw or copied it, and where. */
public record ErrorReport(String message, ErrorSource source) {
}
