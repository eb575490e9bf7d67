package dev.authdoctor.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One authenticator assigned to the user. Only {@code type} is always known (the contract requires it).
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code authenticators[2].type}).
 */
public final class AuthenticatorFacts {

    private final String id;
    private final AuthenticatorType type;
    private final AuthenticatorState state;
    private final Boolean locked;
    private final Boolean appLocked;
    private final String name;
    private final Platform platform;
    private final Instant activationSentAt;
    private final Instant activationExpiresAt;
    private final Boolean inUse;
    private final Boolean expired;
    private final Boolean resynchronized;

    private AuthenticatorFacts(Builder b) {
        this.id = b.id;
        this.type = b.type;
        this.state = b.state;
        this.locked = b.locked;
        this.appLocked = b.appLocked;
        this.name = b.name;
        this.platform = b.platform;
        this.activationSentAt = b.activationSentAt;
        this.activationExpiresAt = b.activationExpiresAt;
        this.inUse = b.inUse;
        this.expired = b.expired;
        this.resynchronized = b.resynchronized;
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
        b.type = type;
        b.state = state;
        b.locked = locked;
        b.appLocked = appLocked;
        b.name = name;
        b.platform = platform;
        b.activationSentAt = activationSentAt;
        b.activationExpiresAt = activationExpiresAt;
        b.inUse = inUse;
        b.expired = expired;
        b.resynchronized = resynchronized;
        return b;
    }

    /**
     * The authenticator's id; null when unknown.
     *
     * @return the authenticator's id, or null when unknown
     */
    public String id() {
        return id;
    }

    /**
     * The authenticator's type; null when unknown.
     *
     * @return the authenticator's type, or null when unknown
     */
    public AuthenticatorType type() {
        return type;
    }

    /**
     * The authenticator's state; null when unknown.
     *
     * @return the authenticator's state, or null when unknown
     */
    public AuthenticatorState state() {
        return state;
    }

    /**
     * Whether IDaaS has locked the authenticator; null when unknown.
     *
     * @return whether IDaaS has locked the authenticator, or null when unknown
     */
    public Boolean locked() {
        return locked;
    }

    /**
     * Whether the Entrust ST mobile app itself is locked (PIN); null when unknown.
     *
     * @return whether the Entrust ST mobile app itself is locked (PIN), or null when unknown
     */
    public Boolean appLocked() {
        return appLocked;
    }

    /**
     * The identity name on the device; null when unknown.
     *
     * @return the identity name on the device, or null when unknown
     */
    public String name() {
        return name;
    }

    /**
     * The platform of the device it is on; null when unknown.
     *
     * @return the platform of the device it is on, or null when unknown
     */
    public Platform platform() {
        return platform;
    }

    /**
     * When the activation was sent; null when unknown.
     *
     * @return when the activation was sent, or null when unknown
     */
    public Instant activationSentAt() {
        return activationSentAt;
    }

    /**
     * When the activation expires; null when unknown.
     *
     * @return when the activation expires, or null when unknown
     */
    public Instant activationExpiresAt() {
        return activationExpiresAt;
    }

    /**
     * Whether it is the authenticator the incident is about; null when unknown.
     *
     * @return whether it is the authenticator the incident is about, or null when unknown
     */
    public Boolean inUse() {
        return inUse;
    }

    /**
     * Whether it is past its expiry date; null when unknown.
     *
     * @return whether it is past its expiry date, or null when unknown
     */
    public Boolean expired() {
        return expired;
    }

    /**
     * Whether it was already synchronized without curing the problem; null when unknown.
     *
     * @return whether it was already synchronized without curing the problem, or null when unknown
     */
    public Boolean resynchronized() {
        return resynchronized;
    }

    /**
     * Whether it can authenticate in its state. A Google Authenticator token also works while
     * ACTIVATING (IDaaS accepts its codes before the activation is confirmed); a grid works while
     * PENDING; an expired one does not.
     *
     * @return canAuthenticate
     */
    public boolean canAuthenticate() {
        if (Boolean.TRUE.equals(expired)) {
            return false;
        }
        return state == AuthenticatorState.ACTIVE
                || (state == AuthenticatorState.ACTIVATING && type == AuthenticatorType.GOOGLE_AUTHENTICATOR)
                || (state == AuthenticatorState.PENDING && type == AuthenticatorType.GRID);
    }

    /**
     * When its activation stops being valid: the stated expiry, else sent time plus the lifetime; null when unknown.
     *
     * @param lifetimeSeconds lifetimeSeconds
     * @return activationExpiry
     */
    public Instant activationExpiry(long lifetimeSeconds) {
        if (activationExpiresAt != null) {
            return activationExpiresAt;
        }
        return activationSentAt == null ? null : activationSentAt.plusSeconds(lifetimeSeconds);
    }

    /**
     * Whether its activation had expired at {@code at}, for an activation still pending; null when the
     * facts cannot tell (no time of report, no expiry, or the authenticator is already active).
     *
     * @param at at
     * @param lifetimeSeconds lifetimeSeconds
     * @return activationExpiredAt
     */
    public Boolean activationExpiredAt(Instant at, long lifetimeSeconds) {
        Instant expiry = activationExpiry(lifetimeSeconds);
        if (at == null || expiry == null || !isActivationPending()) {
            return null;
        }
        return expiry.isBefore(at);
    }

    /**
     * Whether it is a token (soft, physical or legacy; see {@link AuthenticatorType#isToken()}).
     *
     * @return false when the type is not a token or unknown
     */
    public boolean isToken() {
        return type != null && type.isToken();
    }

    /**
     * Still waiting for its activation to complete.
     *
     * @return isActivationPending
     */
    public boolean isActivationPending() {
        return state == null || state == AuthenticatorState.NEW || state == AuthenticatorState.ACTIVATING;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AuthenticatorFacts other
                && Objects.equals(id, other.id)
                && Objects.equals(type, other.type)
                && Objects.equals(state, other.state)
                && Objects.equals(locked, other.locked)
                && Objects.equals(appLocked, other.appLocked)
                && Objects.equals(name, other.name)
                && Objects.equals(platform, other.platform)
                && Objects.equals(activationSentAt, other.activationSentAt)
                && Objects.equals(activationExpiresAt, other.activationExpiresAt)
                && Objects.equals(inUse, other.inUse)
                && Objects.equals(expired, other.expired)
                && Objects.equals(resynchronized, other.resynchronized);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, state, locked, appLocked, name, platform, activationSentAt, activationExpiresAt, inUse, expired, resynchronized);
    }

    @Override
    public String toString() {
        return "AuthenticatorFacts[id=" + id + ", type=" + type + ", state=" + state + ", locked=" + locked
                + ", appLocked=" + appLocked + ", name=" + name + ", platform=" + platform
                + ", activationSentAt=" + activationSentAt + ", activationExpiresAt=" + activationExpiresAt
                + ", inUse=" + inUse + ", expired=" + expired + ", resynchronized=" + resynchronized + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private String id;
        private AuthenticatorType type;
        private AuthenticatorState state;
        private Boolean locked;
        private Boolean appLocked;
        private String name;
        private Platform platform;
        private Instant activationSentAt;
        private Instant activationExpiresAt;
        private Boolean inUse;
        private Boolean expired;
        private Boolean resynchronized;

        private Builder() {
        }

        /**
         * Sets the authenticator's id.
         *
         * @param id the authenticator's id; null when unknown
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the authenticator's type.
         *
         * @param type the authenticator's type; null when unknown
         * @return this builder
         */
        public Builder type(AuthenticatorType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the authenticator's state.
         *
         * @param state the authenticator's state; null when unknown
         * @return this builder
         */
        public Builder state(AuthenticatorState state) {
            this.state = state;
            return this;
        }

        /**
         * Sets whether IDaaS has locked the authenticator.
         *
         * @param locked whether IDaaS has locked the authenticator; null when unknown
         * @return this builder
         */
        public Builder locked(Boolean locked) {
            this.locked = locked;
            return this;
        }

        /**
         * Sets whether the Entrust ST mobile app itself is locked (PIN).
         *
         * @param appLocked whether the Entrust ST mobile app itself is locked (PIN); null when unknown
         * @return this builder
         */
        public Builder appLocked(Boolean appLocked) {
            this.appLocked = appLocked;
            return this;
        }

        /**
         * Sets the identity name on the device.
         *
         * @param name the identity name on the device; null when unknown
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the platform of the device it is on.
         *
         * @param platform the platform of the device it is on; null when unknown
         * @return this builder
         */
        public Builder platform(Platform platform) {
            this.platform = platform;
            return this;
        }

        /**
         * Sets when the activation was sent.
         *
         * @param activationSentAt when the activation was sent; null when unknown
         * @return this builder
         */
        public Builder activationSentAt(Instant activationSentAt) {
            this.activationSentAt = activationSentAt;
            return this;
        }

        /**
         * Sets when the activation expires.
         *
         * @param activationExpiresAt when the activation expires; null when unknown
         * @return this builder
         */
        public Builder activationExpiresAt(Instant activationExpiresAt) {
            this.activationExpiresAt = activationExpiresAt;
            return this;
        }

        /**
         * Sets whether it is the authenticator the incident is about.
         *
         * @param inUse whether it is the authenticator the incident is about; null when unknown
         * @return this builder
         */
        public Builder inUse(Boolean inUse) {
            this.inUse = inUse;
            return this;
        }

        /**
         * Sets whether it is past its expiry date.
         *
         * @param expired whether it is past its expiry date; null when unknown
         * @return this builder
         */
        public Builder expired(Boolean expired) {
            this.expired = expired;
            return this;
        }

        /**
         * Sets whether it was already synchronized without curing the problem.
         *
         * @param resynchronized whether it was already synchronized without curing the problem; null when unknown
         * @return this builder
         */
        public Builder resynchronized(Boolean resynchronized) {
            this.resynchronized = resynchronized;
            return this;
        }

        /**
         * Builds it. It is checked against the incident contract when the {@link Incident} holding it is built,
         * so that an error names the field's whole path.
         *
         * @return the authenticator facts, immutable
         */
        public AuthenticatorFacts build() {
            return new AuthenticatorFacts(this);
        }
    }
}
