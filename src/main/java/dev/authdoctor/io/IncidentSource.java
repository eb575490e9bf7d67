package dev.authdoctor.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Incidents from JSON Lines, one per line, in input order; a file holding a single JSON object spread over
 * several lines (pretty-printed) also works. Every line yields exactly one record: an incident or a
 * rejection that names the line and the field, so nothing is lost and nothing is silently skipped.
 */
public final class IncidentSource implements Closeable {

    /** One input record: where it starts and what it holds. */
    public record Record(long line, ReadResult result) {
    }

    /** How much of a multi-line document is gathered before giving up on it and reading lines. */
    static final int MAX_DOCUMENT_LINES = 100_000;

    private final LineSource lines;
    private final IncidentReader reader;
    private final Deque<LineSource.Line> replay = new ArrayDeque<>();
    private boolean first = true;

    public IncidentSource(InputStream in, IncidentReader reader) {
        this.lines = new LineSource(in);
        this.reader = reader;
    }

    /** The next record, or null at the end of the input. */
    public Record next() {
        LineSource.Line line = replay.isEmpty() ? lines.next() : replay.poll();
        if (line == null) {
            return null;
        }
        if (first) {
            first = false;
            Record document = tryDocument(line);
            if (document != null) {
                return document;
            }
        }
        return new Record(line.number(), read(line));
    }

    private ReadResult read(LineSource.Line line) {
        if (!line.ok()) {
            return new ReadResult.Rejected(null, List.of("line " + line.number() + ": " + line.error()));
        }
        if (line.text().isBlank()) {
            return new ReadResult.Rejected(null, List.of("line " + line.number() + ": empty line, expected a JSON object"));
        }
        ReadResult r = reader.read(line.text());
        if (r instanceof ReadResult.Rejected rejected) {
            return new ReadResult.Rejected(rejected.incidentId(),
                    rejected.errors().stream().map(e -> "line " + line.number() + ": " + e).toList());
        }
        return r;
    }

    /**
     * When the first line opens an object it does not close, the input may be one pretty-printed object:
     * if all of it reads as exactly one JSON value, that is the single record. Otherwise the gathered
     * lines are read one by one as usual.
     */
    private Record tryDocument(LineSource.Line firstLine) {
        if (!firstLine.ok() || !reader.opensUnfinishedValue(firstLine.text())) {
            return null;
        }
        List<LineSource.Line> gathered = new ArrayList<>();
        gathered.add(firstLine);
        StringBuilder text = new StringBuilder(firstLine.text());
        LineSource.Line next;
        while (gathered.size() < MAX_DOCUMENT_LINES && (next = lines.next()) != null) {
            gathered.add(next);
            if (!next.ok()) {
                break;
            }
            text.append('\n').append(next.text());
        }
        if (gathered.size() < MAX_DOCUMENT_LINES && gathered.get(gathered.size() - 1).ok() && reader.isSingleValue(text.toString())) {
            return new Record(firstLine.number(), read(new LineSource.Line(firstLine.number(), text.toString(), null)));
        }
        replay.addAll(gathered.subList(1, gathered.size()));
        return new Record(firstLine.number(), read(firstLine));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
