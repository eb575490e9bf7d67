package dev.authdoctor.incident;

import java.util.Objects;

/**
 * What is known about the activation e-mail.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code activationEmail.sent}).
 */
public final class ActivationEmail {

    private final Boolean sent;
    private final Boolean delivered;
    private final Boolean inSpamFolder;

    private ActivationEmail(Builder b) {
        this.sent = b.sent;
        this.delivered = b.delivered;
        this.inSpamFolder = b.inSpamFolder;
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
        b.sent = sent;
        b.delivered = delivered;
        b.inSpamFolder = inSpamFolder;
        return b;
    }

    /**
     * Whether the e-mail was sent; null when unknown.
     *
     * @return whether the e-mail was sent, or null when unknown
     */
    public Boolean sent() {
        return sent;
    }

    /**
     * Whether the e-mail was delivered; null when unknown.
     *
     * @return whether the e-mail was delivered, or null when unknown
     */
    public Boolean delivered() {
        return delivered;
    }

    /**
     * Whether the e-mail landed in the spam folder; null when unknown.
     *
     * @return whether the e-mail landed in the spam folder, or null when unknown
     */
    public Boolean inSpamFolder() {
        return inSpamFolder;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ActivationEmail other
                && Objects.equals(sent, other.sent)
                && Objects.equals(delivered, other.delivered)
                && Objects.equals(inSpamFolder, other.inSpamFolder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sent, delivered, inSpamFolder);
    }

    @Override
    public String toString() {
        return "ActivationEmail[sent=" + sent + ", delivered=" + delivered
                + ", inSpamFolder=" + inSpamFolder + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private Boolean sent;
        private Boolean delivered;
        private Boolean inSpamFolder;

        private Builder() {
        }

        /**
         * Sets whether the e-mail was sent.
         *
         * @param sent whether the e-mail was sent; null when unknown
         * @return this builder
         */
        public Builder sent(Boolean sent) {
            this.sent = sent;
            return this;
        }

        /**
         * Sets whether the e-mail was delivered.
         *
         * @param delivered whether the e-mail was delivered; null when unknown
         * @return this builder
         */
        public Builder delivered(Boolean delivered) {
            this.delivered = delivered;
            return this;
        }

        /**
         * Sets whether the e-mail landed in the spam folder.
         *
         * @param inSpamFolder whether the e-mail landed in the spam folder; null when unknown
         * @return this builder
         */
        public Builder inSpamFolder(Boolean inSpamFolder) {
            this.inSpamFolder = inSpamFolder;
            return this;
        }

        /**
         * Builds it. It is checked against the incident contract when the {@link Incident} holding it is built,
         * so that an error names the field's whole path.
         *
         * @return the activationEmail facts, immutable
         */
        public ActivationEmail build() {
            return new ActivationEmail(this);
        }
    }
}
