package dev.authdoctor.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A Reader's characters as UTF-8 bytes, encoded as they are read: JSON Lines are read from bytes, one line at a
 * time, so a Reader's input is neither held whole nor decoded twice. An unpaired surrogate becomes U+FFFD's bytes.
 */
final class Utf8Bytes extends InputStream {

    private final Reader in;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
    private final CharBuffer chars = CharBuffer.allocate(8192).flip();
    private final ByteBuffer bytes = ByteBuffer.allocate(3 * 8192 + 16).flip();
    private boolean eof;
    private boolean done;

    Utf8Bytes(Reader in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!bytes.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, bytes.remaining());
        bytes.get(b, off, n);
        return n;
    }

    private boolean fill() throws IOException {
        if (done) {
            return false;
        }
        bytes.clear();
        if (!eof) {
            chars.compact(); // keeps a high surrogate whose pair is still to come
            if (in.read(chars) < 0) {
                eof = true;
            }
            chars.flip();
        }
        CoderResult r = encoder.encode(chars, bytes, eof);
        if (eof && r.isUnderflow()) {
            encoder.flush(bytes);
            done = true;
        }
        bytes.flip();
        return true;
    }

    /** Leaves the Reader open: the caller owns it. */
    @Override
    public void close() {
    }
}
