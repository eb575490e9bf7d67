package dev.authdoctor.incident;

import java.util.Objects;

/**
 * How the IDaaS account or portal was reached.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code service.network}).
 */
public final class Service {

    private final Network network;

    private Service(Builder b) {
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
        b.network = network;
        return b;
    }

    /**
     * The network IDaaS was reached on; null when unknown.
     *
     * @return the network IDaaS was reached on, or null when unknown
     */
    public Network network() {
        return network;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Service other
                && Objects.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network);
    }

    @Override
    public String toString() {
        return "Service[network=" + network + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private Network network;

        private Builder() {
        }

        /**
         * Sets the network IDaaS was reached on.
         *
         * @param network the network IDaaS was reached on; null when unknown
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
         * @return the service facts, immutable
         */
        public Service build() {
            return new Service(this);
        }
    }
}
