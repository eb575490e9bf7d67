package dev.authdoctor.io;

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
import java.util.Arrays;

/**
 * Reads a stream line by line, each line decoded as strict UTF-8 on its own, so that one bad line costs
 * only that line. Lines end at {@code \n} (a {@code \r} before it is dropped); a UTF-8 byte-order mark
 * at the start is skipped. A line longer than the limit is not kept in memory: it is read past and
 * reported as too long.
 */
public final class LineSource implements Closeable {

    /**
     * One line: its number from 1 and its text, or why it has none. {@code raw} is what a person should
     * see of it in a report: the text, or for a bad line a lossy decoding of its first kilobyte.
     */
    public record Line(long number, String text, String error, String raw) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Longest line kept, in bytes. A record longer than this is rejected, not read. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    private static final int RAW_PREVIEW_BYTES = 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long number;
    private boolean atStart = true;
    private boolean eof;

    public LineSource(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    public LineSource(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    public Line next() {
        if (eof && position >= limit) {
            return null;
        }
        long length = 0;  // the whole line's length, even past the limit
        int kept = 0;     // bytes of it kept in `line`
        boolean sawAny = false;
        boolean ended = false;
        while (!ended) {
            if (position >= limit && !fill()) {
                break;
            }
            sawAny = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            ended = end < limit;
            int chunk = end - start;
            int room = Math.max(0, Math.min(chunk, maxLineBytes - kept));
            if (room > 0) {
                ensureCapacity(kept + room);
                System.arraycopy(buffer, start, line, kept, room);
                kept += room;
            }
            length += chunk;
            position = ended ? end + 1 : end;
        }
        if (!sawAny) {
            return null; // a final line break ends the last line; it does not start an empty one
        }
        number++;
        int from = 0;
        if (atStart && kept >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            from = 3;
            length -= 3;
        }
        atStart = false;
        if (length > maxLineBytes) {
            return new Line(number, null, "line is " + length + " bytes long, over the limit of " + maxLineBytes,
                    preview(from, kept) + "...");
        }
        int to = kept;
        if (to > from && line[to - 1] == '\r') {
            to--;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer source = ByteBuffer.wrap(line, from, to - from);
        CharBuffer text = CharBuffer.allocate(to - from); // UTF-8 never has more chars than bytes
        CoderResult result = decoder.decode(source, text, true);
        if (result.isError()) {
            return new Line(number, null, "invalid UTF-8 at byte " + (source.position() - from + 1), preview(from, to));
        }
        decoder.flush(text);
        String s = text.flip().toString();
        return new Line(number, s, null, s);
    }

    private String preview(int from, int to) {
        return new String(line, from, Math.min(to - from, RAW_PREVIEW_BYTES), StandardCharsets.UTF_8);
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
        }
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
