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

    /**
     * An empty builder: every field unknown.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this one's fields, to build a changed copy.
     *
     * @return a builder holding these facts
     */
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

    /**
     * The user's IDaaS id; null when unknown.
     *
     * @return the user's IDaaS id, or null when unknown
     */
    public String id() {
        return id;
    }

    /**
     * The e-mail address on the profile; null when unknown.
     *
     * @return the e-mail address on the profile, or null when unknown
     */
    public String email() {
        return email;
    }

    /**
     * False when the address on the profile is known to be wrong; null when unknown.
     *
     * @return false when the address on the profile is known to be wrong, or null when unknown
     */
    public Boolean emailValid() {
        return emailValid;
    }

    /**
     * The user's state in IDaaS; null when unknown.
     *
     * @return the user's state in IDaaS, or null when unknown
     */
    public UserState state() {
        return state;
    }

    /**
     * Whether the user is locked out; null when unknown.
     *
     * @return whether the user is locked out, or null when unknown
     */
    public Boolean locked() {
        return locked;
    }

    /**
     * The user's role; null when unknown.
     *
     * @return the user's role, or null when unknown
     */
    public UserRole role() {
        return role;
    }

    /**
     * The mobile number on the profile (SMS passcodes need it); null when unknown.
     *
     * @return the mobile number on the profile (SMS passcodes need it), or null when unknown
     */
    public String mobile() {
        return mobile;
    }

    /**
     * The phone number on the profile (voice passcodes need it); null when unknown.
     *
     * @return the phone number on the profile (voice passcodes need it), or null when unknown
     */
    public String phone() {
        return phone;
    }

    /**
     * How the user wants one-time passcodes delivered; null when unknown.
     *
     * @return how the user wants one-time passcodes delivered, or null when unknown
     */
    public OtpDelivery preferredOtpDelivery() {
        return preferredOtpDelivery;
    }

    /**
     * Whether the user's role is an administrator's (a Super Administrator is one too).
     *
     * @return false when the role is USER or unknown
     */
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

        /**
         * Sets the user's IDaaS id.
         *
         * @param id the user's IDaaS id; null when unknown
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the e-mail address on the profile.
         *
         * @param email the e-mail address on the profile; null when unknown
         * @return this builder
         */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /**
         * Sets false when the address on the profile is known to be wrong.
         *
         * @param emailValid false when the address on the profile is known to be wrong; null when unknown
         * @return this builder
         */
        public Builder emailValid(Boolean emailValid) {
            this.emailValid = emailValid;
            return this;
        }

        /**
         * Sets the user's state in IDaaS.
         *
         * @param state the user's state in IDaaS; null when unknown
         * @return this builder
         */
        public Builder state(UserState state) {
            this.state = state;
            return this;
        }

        /**
         * Sets whether the user is locked out.
         *
         * @param locked whether the user is locked out; null when unknown
         * @return this builder
         */
        public Builder locked(Boolean locked) {
            this.locked = locked;
            return this;
        }

        /**
         * Sets the user's role.
         *
         * @param role the user's role; null when unknown
         * @return this builder
         */
        public Builder role(UserRole role) {
            this.role = role;
            return this;
        }

        /**
         * Sets the mobile number on the profile (SMS passcodes need it).
         *
         * @param mobile the mobile number on the profile (SMS passcodes need it); null when unknown
         * @return this builder
         */
        public Builder mobile(String mobile) {
            this.mobile = mobile;
            return this;
        }

        /**
         * Sets the phone number on the profile (voice passcodes need it).
         *
         * @param phone the phone number on the profile (voice passcodes need it); null when unknown
         * @return this builder
         */
        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        /**
         * Sets how the user wants one-time passcodes delivered.
         *
         * @param preferredOtpDelivery how the user wants one-time passcodes delivered; null when unknown
         * @return this builder
         */
        public Builder preferredOtpDelivery(OtpDelivery preferredOtpDelivery) {
            this.preferredOtpDelivery = preferredOtpDelivery;
            return this;
        }

        /**
         * Builds it. It is checked against the incident contract when the {@link Incident} holding it is built,
         * so that an error names the field's whole path.
         *
         * @return the user facts, immutable
         */
        public UserFacts build() {
            return new UserFacts(this);
        }
    }
}
