package dev.authdoctor.batch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How much of one input a run has read, as stored on disk (compressed, for gzip): the bytes, their
 * SHA-256, and whether that was the whole file. Saved with each checkpoint; a resume re-reads those bytes
 * and compares, so a different file under the same name, size and time is refused rather than mixed in.
 */
record InputRead(long bytes, String sha256, boolean whole) {

    /**
     * Null when {@code input} still holds the bytes that were read; otherwise what differs, naming the file.
     */
    String check(String input) throws IOException {
        Path p = Path.of(input);
        long size;
        try {
            size = Files.size(p);
        } catch (NoSuchFileException e) {
            return input + ": no such file";
        }
        if (size < bytes) {
            return input + " is " + size + " bytes long, shorter than the " + bytes + " bytes the stopped run had read of it";
        }
        if (whole && size != bytes) {
            return input + " changed since the stopped run read all of it (" + bytes + " bytes then, " + size + " now)";
        }
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        long left = bytes;
        try (InputStream in = Files.newInputStream(p)) {
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return input + " ended before the " + bytes + " bytes the stopped run had read of it";
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
            return input + " is not the file the stopped run read: its first " + bytes + " bytes differ";
        }
        return null;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** An input stream that counts and hashes what is read through it. */
    static final class Counting extends FilterInputStream {
        private final MessageDigest digest = newDigest();
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes must be hashed too
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Reads to the end, so a file read whole is hashed whole (gzip may stop before trailing bytes). */
        void drain() throws IOException {
            byte[] buffer = new byte[1 << 16];
            while (read(buffer, 0, buffer.length) >= 0) {
                // counted and hashed by read
            }
        }

        /** What has been read so far. */
        InputRead soFar(boolean whole) {
            try {
                MessageDigest copy = (MessageDigest) digest.clone();
                return new InputRead(count, HexFormat.of().formatHex(copy.digest()), whole);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
            }
        }
    }
}
