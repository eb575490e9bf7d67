package dev.authdoctor.api;

import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.IncidentTree;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.RecordSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads incidents from JSON in the input contract's shape ({@code incident.schema.json}) and checks them
 * against it: one incident from a String, Reader, InputStream or file, or JSON Lines (one incident per line)
 * as a stream of {@link Line}s; and an incident back to JSON ({@link #toJson}). Bad input never throws: it is a {@link ReadResult.Rejected} whose errors
 * name the field ({@code user.state: "ENABLED" is not one of ACTIVE, INACTIVE}) and, in JSON Lines, the line.
 * Bytes are read as UTF-8 (a byte-order mark is skipped). No JSON library's types appear here. Thread-safe;
 * the contract is loaded once, on first use.
 *
 * <pre>{@code
 * if (IncidentJson.read(json) instanceof ReadResult.Accepted a) {
 *     Diagnosis d = doctor.diagnose(a.incident());
 * }
 * try (Stream<IncidentJson.Line> lines = IncidentJson.lines(Path.of("incidents.jsonl"))) {
 *     lines.forEach(line -> ...);   // line.number(), line.result()
 * }
 * }</pre>
 *
 * @see DiagnosisJson for the way out
 */
public final class IncidentJson {

    /** Longest input read as one incident, in bytes (characters from a Reader): a pretty-printed file is larger than its line. */
    public static final int MAX_DOCUMENT_SIZE = 10 << 20;

    /**
     * One line of JSON Lines input and what it held. A pretty-printed file holding a single object is one
     * Line, numbered 1.
     *
     * @param number the line's number, from 1
     * @param result the incident, or the errors that make the line none, each starting with {@code line N:}
     */
    public record Line(long number, ReadResult result) {
    }

    private IncidentJson() {
    }

    /** The reader is costly to build (it loads the contract): built on first use, then shared. */
    private static final class Shared {
        static final IncidentReader READER = new IncidentReader();
    }

    /**
     * One incident from the text of one JSON object.
     *
     * @param json the text of one JSON object
     * @return the incident, or the errors that make the input none
     */
    public static ReadResult read(String json) {
        return Shared.READER.read(json);
    }

    /**
     * One incident from a Reader holding one JSON object. Does not close {@code in}.
     *
     * @param in the text of one JSON object
     * @return the incident, or the errors that make the input none
     * @throws IOException when {@code in} fails
     */
    public static ReadResult read(Reader in) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            text.append(buffer, 0, n);
            if (text.length() > MAX_DOCUMENT_SIZE) {
                return tooLong("characters");
            }
        }
        return read(withoutBom(text.toString()));
    }

    /**
     * One incident from UTF-8 bytes holding one JSON object. Does not close {@code in}.
     *
     * @param in UTF-8 bytes of one JSON object
     * @return the incident, or the errors that make the input none
     * @throws IOException when {@code in} fails
     */
    public static ReadResult read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_DOCUMENT_SIZE + 1);
        if (bytes.length > MAX_DOCUMENT_SIZE) {
            return tooLong("bytes");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer source = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(source, text, true);
        if (result.isError()) {
            return new ReadResult.Rejected(null, List.of("invalid UTF-8 at byte " + (source.position() + 1)));
        }
        decoder.flush(text);
        return read(withoutBom(text.flip().toString()));
    }

    /**
     * One incident from a UTF-8 file holding one JSON object.
     *
     * @param file a UTF-8 file holding one JSON object
     * @return the incident, or the errors that make the file none
     * @throws IOException when the file cannot be read
     */
    public static ReadResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Incidents from JSON Lines text, one Line per line, in order.
     *
     * @param jsonLines the text, one incident per line
     * @return the lines, in order
     */
    public static Stream<Line> lines(String jsonLines) {
        return lines(new ByteArrayInputStream(jsonLines.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Incidents from JSON Lines read from {@code in}, lazily, one Line per line, in order. Does not close
     * {@code in}. A failure to read {@code in} surfaces as an {@link UncheckedIOException}.
     *
     * @param in the text, one incident per line
     * @return the lines, in order, read as the stream is consumed
     */
    public static Stream<Line> lines(Reader in) {
        return lines(new Utf8Bytes(in));
    }

    /**
     * Incidents from UTF-8 JSON Lines read from {@code in}, lazily, one Line per line, in order. Every line
     * gives exactly one Line, also an empty line, a line of invalid UTF-8 or a line over 1 MiB (rejected,
     * naming the line). Does not close {@code in}. A failure to read {@code in} surfaces as an
     * {@link UncheckedIOException}.
     *
     * @param in UTF-8 bytes, one incident per line
     * @return the lines, in order, read as the stream is consumed
     */
    public static Stream<Line> lines(InputStream in) {
        return stream(new JsonLinesSource(new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }, Shared.READER));
    }

    /**
     * Incidents from a UTF-8 JSON Lines file, lazily; close the stream to close the file.
     *
     * @param file a UTF-8 file, one incident per line
     * @return the lines, in order, read as the stream is consumed
     * @throws IOException when the file cannot be opened
     */
    public static Stream<Line> lines(Path file) throws IOException {
        return stream(new JsonLinesSource(Files.newInputStream(file), Shared.READER));
    }

    /**
     * The incident as one JSON object in the contract's shape, on one line: to store or forward it. Unknown facts
     * (null) are left out; {@link #read(String)} gives the same incident back.
     *
     * @param incident an incident
     * @return its JSON text
     */
    public static String toJson(Incident incident) {
        return IncidentTree.toTree(incident).toString();
    }

    private static Stream<Line> stream(RecordSource source) {
        Iterator<Line> it = new Iterator<>() {
            private RecordSource.Record next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = source.next();
                }
                return next != null;
            }

            @Override
            public Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Line line = new Line(next.line(), next.result());
                next = null;
                return line;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        source.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static ReadResult tooLong(String unit) {
        return new ReadResult.Rejected(null, List.of("over a limit: the input is longer than " + MAX_DOCUMENT_SIZE + " " + unit));
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
