package dev.authdoctor.model;

/** The user the incident is about. Every field may be null: unknown. */
public record User(String id, String email, Boolean emailValid, UserState state, Boolean locked, Role role,
                   String mobile, String phone, OtpDelivery preferredOtpDelivery) {

    public boolean isAdministrator() {
        return role != null && role.isAdministrator();
    }
}
