package dev.authdoctor.incident;

import java.util.Objects;

/**
 * The user the incident is about. Every field may be null: unknown.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code user.state}).
 */
public final class UserFacts {

    private final String id;
    private final String email;
    private final Boolean emailValid;
    private final UserState state;
    private final Boolean locked;
    private final UserRole role;
    private final String mobile;
    private final String phone;
    private final OtpDelivery preferredOtpDelivery;

    private UserFacts(Builder b) {
        this.id = b.id;
        this.email = b.email;
        this.emailValid = b.emailValid;
        this.state = b.state;
        this.locked = b.locked;
        this.role = b.role;
        this.mobile = b.mobile;
        this.phone = b.phone;
        this.preferredOtpDelivery = b.preferredOtpDelivery;
    }

    /** An empty builder: every field unknown. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this one's fields, to build a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.email = email;
        b.emailValid = emailValid;
        b.state = state;
        b.locked = locked;
        b.role = role;
        b.mobile = mobile;
        b.phone = phone;
        b.preferredOtpDelivery = preferredOtpDelivery;
        return b;
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public Boolean emailValid() {
        return emailValid;
    }

    public UserState state() {
        return state;
    }

    public Boolean locked() {
        return locked;
    }

    public UserRole role() {
        return role;
    }

    public String mobile() {
        return mobile;
    }

    public String phone() {
        return phone;
    }

    public OtpDelivery preferredOtpDelivery() {
        return preferredOtpDelivery;
    }

    public boolean isAdministrator() {
        return role != null && role.isAdministrator();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof UserFacts other
                && Objects.equals(id, other.id)
                && Objects.equals(email, other.email)
                && Objects.equals(emailValid, other.emailValid)
                && Objects.equals(state, other.state)
                && Objects.equals(locked, other.locked)
                && Objects.equals(role, other.role)
                && Objects.equals(mobile, other.mobile)
                && Objects.equals(phone, other.phone)
                && Objects.equals(preferredOtpDelivery, other.preferredOtpDelivery);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, email, emailValid, state, locked, role, mobile, phone, preferredOtpDelivery);
    }

    @Override
    public String toString() {
        return "UserFacts[id=" + id + ", email=" + email + ", emailValid=" + emailValid + ", state=" + state
                + ", locked=" + locked + ", role=" + role + ", mobile=" + mobile + ", phone=" + phone
                + ", preferredOtpDelivery=" + preferredOtpDelivery + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private String id;
        private String email;
        private Boolean emailValid;
        private UserState state;
        private Boolean locked;
        private UserRole role;
        private String mobile;
        private String phone;
        private OtpDelivery preferredOtpDelivery;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder emailValid(Boolean emailValid) {
            this.emailValid = emailValid;
            return this;
        }

        public Builder state(UserState state) {
            this.state = state;
            return this;
        }

        public Builder locked(Boolean locked) {
            this.locked = locked;
            return this;
        }

        public Builder role(UserRole role) {
            this.role = role;
            return this;
        }

        public Builder mobile(String mobile) {
            this.mobile = mobile;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder preferredOtpDelivery(OtpDelivery preferredOtpDelivery) {
            this.preferredOtpDelivery = preferredOtpDelivery;
            return this;
        }

        public UserFacts build() {
            return new UserFacts(this);
        }
    }
}
