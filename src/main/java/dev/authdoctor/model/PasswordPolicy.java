package dev.authdoctor.model;

/** The password history facts of row 10. */
public record PasswordPolicy(Integer historySize, Boolean newPasswordInHistory) {
}
