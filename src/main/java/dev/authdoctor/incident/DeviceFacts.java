package dev.authdoctor.incident;

import java.util.Objects;

/**
 * The user's mobile device. {@code clockSkewSeconds} is device clock minus carrier/server clock.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code device.clockSkewSeconds}).
 */
public final class DeviceFacts {

    private final Integer clockSkewSeconds;
    private final Network network;

    private DeviceFacts(Builder b) {
        this.clockSkewSeconds = b.clockSkewSeconds;
        this.network = b.network;
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
        b.clockSkewSeconds = clockSkewSeconds;
        b.network = network;
        return b;
    }

    /**
     * The device clock minus the carrier or server clock, in seconds; null when unknown.
     *
     * @return the device clock minus the carrier or server clock, in seconds, or null when unknown
     */
    public Integer clockSkewSeconds() {
        return clockSkewSeconds;
    }

    /**
     * The network the device is on; null when unknown.
     *
     * @return the network the device is on, or null when unknown
     */
    public Network network() {
        return network;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof DeviceFacts other
                && Objects.equals(clockSkewSeconds, other.clockSkewSeconds)
                && Objects.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clockSkewSeconds, network);
    }

    @Override
    public String toString() {
        return "DeviceFacts[clockSkewSeconds=" + clockSkewSeconds + ", network=" + network + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private Integer clockSkewSeconds;
        private Network network;

        private Builder() {
        }

        /**
         * Sets the device clock minus the carrier or server clock, in seconds.
         *
         * @param clockSkewSeconds the device clock minus the carrier or server clock, in seconds; null when unknown
         * @return this builder
         */
        public Builder clockSkewSeconds(Integer clockSkewSeconds) {
            this.clockSkewSeconds = clockSkewSeconds;
            return this;
        }

        /**
         * Sets the network the device is on.
         *
         * @param network the network the device is on; null when unknown
         * @return this builder
         */
        public Builder network(Network network) {
            this.network = network;
            return this;
        }

        /**
         * Builds it. It is checked against the incident contract when the {@link Incident} holding it is built,
         * so that an error names the field's whole path.
         *
         * @return the device facts, immutable
         */
        public DeviceFacts build() {
            return new DeviceFacts(this);
        }
    }
}
