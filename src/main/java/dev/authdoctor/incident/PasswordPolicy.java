package dev.authdoctor.incident;

import java.util.Objects;

/**
 * The password history facts of row 10.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code passwordPolicy.historySize}).
 */
public final class PasswordPolicy {

    private final Integer historySize;
    private final Boolean newPasswordInHistory;

    private PasswordPolicy(Builder b) {
        this.historySize = b.historySize;
        this.newPasswordInHistory = b.newPasswordInHistory;
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
        b.historySize = historySize;
        b.newPasswordInHistory = newPasswordInHistory;
        return b;
    }

    /**
     * How many previous passwords the policy remembers; null when unknown.
     *
     * @return how many previous passwords the policy remembers, or null when unknown
     */
    public Integer historySize() {
        return historySize;
    }

    /**
     * Whether the new password is one of them; null when unknown.
     *
     * @return whether the new password is one of them, or null when unknown
     */
    public Boolean newPasswordInHistory() {
        return newPasswordInHistory;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PasswordPolicy other
                && Objects.equals(historySize, other.historySize)
                && Objects.equals(newPasswordInHistory, other.newPasswordInHistory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(historySize, newPasswordInHistory);
    }

    @Override
    public String toString() {
        return "PasswordPolicy[historySize=" + historySize
                + ", newPasswordInHistory=" + newPasswordInHistory + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private Integer historySize;
        private Boolean newPasswordInHistory;

        private Builder() {
        }

        /**
         * Sets how many previous passwords the policy remembers.
         *
         * @param historySize how many previous passwords the policy remembers; null when unknown
         * @return this builder
         */
        public Builder historySize(Integer historySize) {
            this.historySize = historySize;
            return this;
        }

        /**
         * Sets whether the new password is one of them.
         *
         * @param newPasswordInHistory whether the new password is one of them; null when unknown
         * @return this builder
         */
        public Builder newPasswordInHistory(Boolean newPasswordInHistory) {
            this.newPasswordInHistory = newPasswordInHistory;
            return this;
        }

        /**
         * Builds it. It is checked against the incident contract when the {@link Incident} holding it is built,
         * so that an error names the field's whole path.
         *
         * @return the passwordPolicy facts, immutable
         */
        public PasswordPolicy build() {
            return new PasswordPolicy(this);
        }
    }
}
