package dev.authdoctor.incident;

import java.util.Objects;

/**
 * What the resource rule of the application says about the user.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code access.resourceRuleAllowsUser}).
 */
public final class Access {

    private final Boolean resourceRuleAllowsUser;

    private Access(Builder b) {
        this.resourceRuleAllowsUser = b.resourceRuleAllowsUser;
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
        b.resourceRuleAllowsUser = resourceRuleAllowsUser;
        return b;
    }

    /**
     * Whether the resource rule allows the user; null when unknown.
     *
     * @return whether the resource rule allows the user, or null when unknown
     */
    public Boolean resourceRuleAllowsUser() {
        return resourceRuleAllowsUser;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Access other
                && Objects.equals(resourceRuleAllowsUser, other.resourceRuleAllowsUser);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resourceRuleAllowsUser);
    }

    @Override
    public String toString() {
        return "Access[resourceRuleAllowsUser=" + resourceRuleAllowsUser + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private Boolean resourceRuleAllowsUser;

        private Builder() {
        }

        /**
         * Sets whether the resource rule allows the user.
         *
         * @param resourceRuleAllowsUser whether the resource rule allows the user; null when unknown
         * @return this builder
         */
        public Builder resourceRuleAllowsUser(Boolean resourceRuleAllowsUser) {
            this.resourceRuleAllowsUser = resourceRuleAllowsUser;
            return this;
        }

        /**
         * Builds it. It is checked against the incident contract when the {@link Incident} holding it is built,
         * so that an error names the field's whole path.
         *
         * @return the access facts, immutable
         */
        public Access build() {
            return new Access(this);
        }
    }
}
