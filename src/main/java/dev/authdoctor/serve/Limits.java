package dev.authdoctor.serve;

/**
 * What one request may cost.
 *
 * @param maxBodyBytes   the largest JSON body (413 above)
 * @param maxLines       the most lines in one JSON Lines request (a problem line, then the stream ends, above)
 * @param maxStreamBytes the most bytes in one JSON Lines request
 */
record Limits(long maxBodyBytes, int maxLines, long maxStreamBytes) {

    static final Limits DEFAULT = new Limits(1 << 20, 10_000, 64L << 20);
}
