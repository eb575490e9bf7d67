package dev.authdoctor.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a stream line by line, each line decoded as strict UTF-8 on its own, so that one bad line costs
 * only that line. Lines end at {@code \n} (a {@code \r} before it is dropped); a UTF-8 byte-order mark
 * at the start is skipped. A line longer than the limit is not kept in memory: it is read past and
 * reported as too long.
 */
public final class LineSource implements Closeable {

    /** One line: its number from 1, and its text, or why it has none. */
    public record Line(long number, String text, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Longest line kept, in bytes. A record longer than this is rejected, not read. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private long number;
    private boolean atStart = true;
    private boolean eof;

    public LineSource(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    public LineSource(InputStream in, int maxLineBytes) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    public Line next() {
        if (eof) {
            return null;
        }
        buffer.reset();
        long length = 0;
        boolean sawAny = false;
        try {
            int b;
            while ((b = in.read()) != -1) {
                sawAny = true;
                if (b == '\n') {
                    break;
                }
                length++;
                if (length <= maxLineBytes) {
                    buffer.write(b);
                }
            }
            if (b == -1) {
                eof = true;
                if (!sawAny) {
                    return null; // a final line break ends the last line; it does not start an empty one
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        number++;
        if (length > maxLineBytes) {
            return new Line(number, null, "line is " + length + " bytes long, over the limit of " + maxLineBytes);
        }
        byte[] bytes = buffer.toByteArray();
        int from = 0;
        int to = bytes.length;
        if (atStart && to >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            from = 3;
        }
        atStart = false;
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer source = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer text = CharBuffer.allocate(to - from); // UTF-8 never has more chars than bytes
        CoderResult result = decoder.decode(source, text, true);
        if (result.isError()) {
            return new Line(number, null, "invalid UTF-8 at byte " + (source.position() - from + 1));
        }
        decoder.flush(text);
        return new Line(number, text.flip().toString(), null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
