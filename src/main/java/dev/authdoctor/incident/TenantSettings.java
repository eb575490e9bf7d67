package dev.authdoctor.incident;

import java.util.Objects;

/**
 * Account settings as reported; null where the account keeps the IDaaS default.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code settings.tokenTimeStepSeconds}).
 */
public final class TenantSettings {

    private final Integer tokenTimeStepSeconds;
    private final Integer maxTimeSteps;
    private final Integer activationLifetimeSeconds;
    private final Integer maxResetTimeSteps;

    private TenantSettings(Builder b) {
        this.tokenTimeStepSeconds = b.tokenTimeStepSeconds;
        this.maxTimeSteps = b.maxTimeSteps;
        this.activationLifetimeSeconds = b.activationLifetimeSeconds;
        this.maxResetTimeSteps = b.maxResetTimeSteps;
    }

    /** An empty builder: every field unknown. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this one's fields, to build a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tokenTimeStepSeconds = tokenTimeStepSeconds;
        b.maxTimeSteps = maxTimeSteps;
        b.activationLifetimeSeconds = activationLifetimeSeconds;
        b.maxResetTimeSteps = maxResetTimeSteps;
        return b;
    }

    public Integer tokenTimeStepSeconds() {
        return tokenTimeStepSeconds;
    }

    public Integer maxTimeSteps() {
        return maxTimeSteps;
    }

    public Integer activationLifetimeSeconds() {
        return activationLifetimeSeconds;
    }

    public Integer maxResetTimeSteps() {
        return maxResetTimeSteps;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof TenantSettings other
                && Objects.equals(tokenTimeStepSeconds, other.tokenTimeStepSeconds)
                && Objects.equals(maxTimeSteps, other.maxTimeSteps)
                && Objects.equals(activationLifetimeSeconds, other.activationLifetimeSeconds)
                && Objects.equals(maxResetTimeSteps, other.maxResetTimeSteps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokenTimeStepSeconds, maxTimeSteps, activationLifetimeSeconds, maxResetTimeSteps);
    }

    @Override
    public String toString() {
        return "TenantSettings[tokenTimeStepSeconds=" + tokenTimeStepSeconds + ", maxTimeSteps=" + maxTimeSteps
                + ", activationLifetimeSeconds=" + activationLifetimeSeconds
                + ", maxResetTimeSteps=" + maxResetTimeSteps + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private Integer tokenTimeStepSeconds;
        private Integer maxTimeSteps;
        private Integer activationLifetimeSeconds;
        private Integer maxResetTimeSteps;

        private Builder() {
        }

        public Builder tokenTimeStepSeconds(Integer tokenTimeStepSeconds) {
            this.tokenTimeStepSeconds = tokenTimeStepSeconds;
            return this;
        }

        public Builder maxTimeSteps(Integer maxTimeSteps) {
            this.maxTimeSteps = maxTimeSteps;
            return this;
        }

        public Builder activationLifetimeSeconds(Integer activationLifetimeSeconds) {
            this.activationLifetimeSeconds = activationLifetimeSeconds;
            return this;
        }

        public Builder maxResetTimeSteps(Integer maxResetTimeSteps) {
            this.maxResetTimeSteps = maxResetTimeSteps;
            return this;
        }

        public TenantSettings build() {
            return new TenantSettings(this);
        }
    }
}
