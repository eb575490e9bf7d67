package dev.authdoctor.incident;

import java.util.Objects;

/**
 * The error text as the person saw or copied it, where, and the API's error code when one was returned.
 *
 * <p>Immutable. Built with {@link #builder()} (or {@link #toBuilder()} from another one), and checked
 * against the incident contract when the {@link Incident} holding it is built, so that an error names
 * the field's whole path ({@code error.message}).
 */
public final class ErrorReport {

    private final String message;
    private final ErrorSource source;
    private final String code;

    private ErrorReport(Builder b) {
        this.message = b.message;
        this.source = b.source;
        this.code = b.code;
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
        b.message = message;
        b.source = source;
        b.code = code;
        return b;
    }

    /**
     * The error text as seen or as copied; null when unknown.
     *
     * @return the error text as seen or as copied, or null when unknown
     */
    public String message() {
        return message;
    }

    /**
     * Where the message was seen; null when unknown.
     *
     * @return where the message was seen, or null when unknown
     */
    public ErrorSource source() {
        return source;
    }

    /**
     * The error code the IDaaS Administration API returned; null when unknown.
     *
     * @return the error code the IDaaS Administration API returned, or null when unknown
     */
    public String code() {
        return code;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ErrorReport other
                && Objects.equals(message, other.message)
                && Objects.equals(source, other.source)
                && Objects.equals(code, other.code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, source, code);
    }

    @Override
    public String toString() {
        return "ErrorReport[message=" + message + ", source=" + source + ", code=" + code + "]";
    }

    /** Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was built. */
    public static final class Builder {
        private String message;
        private ErrorSource source;
        private String code;

        private Builder() {
        }

        /**
         * Sets the error text as seen or as copied.
         *
         * @param message the error text as seen or as copied; null when unknown
         * @return this builder
         */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /**
         * Sets where the message was seen.
         *
         * @param source where the message was seen; null when unknown
         * @return this builder
         */
        public Builder source(ErrorSource source) {
            this.source = source;
            return this;
        }

        /**
         * Sets the error code the IDaaS Administration API returned.
         *
         * @param code the error code the IDaaS Administration API returned; null when unknown
         * @return this builder
         */
        public Builder code(String code) {
            this.code = code;
            return this;
        }

        /**
         * Builds it. It is checked against the incident contract when the {@link Incident} holding it is built,
         * so that an error names the field's whole path.
         *
         * @return the errorReport facts, immutable
         */
        public ErrorReport build() {
            return new ErrorReport(this);
        }
    }
}
