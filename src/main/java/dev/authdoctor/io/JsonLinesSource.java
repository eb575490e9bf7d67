package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

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
public final class JsonLinesSource implements RecordSource {

    /** How much of a multi-line document is gathered before giving up on it and reading lines. */
    static final int MAX_DOCUMENT_LINES = 100_000;
    static final int MAX_DOCUMENT_CHARS = 10 << 20;

    private final LineSource lines;
    private final IncidentReader reader;
    private final Deque<LineSource.Line> replay = new ArrayDeque<>();
    private boolean first = true;

    public JsonLinesSource(InputStream in, IncidentReader reader) {
        this.lines = new LineSource(in);
        this.reader = reader;
    }

    @Override
    public Cut cut() {
        LineSource.Line line = replay.isEmpty() ? lines.next() : replay.poll();
        if (line == null) {
            return null;
        }
        if (first) {
            first = false;
            Cut document = tryDocument(line);
            if (document != null) {
                return document;
            }
        }
        return cutOf(line);
    }

    private static Cut cutOf(LineSource.Line line) {
        if (!line.ok()) {
            return new Cut(line.number(), line.raw(), null, line.error());
        }
        if (line.text().isBlank()) {
            return new Cut(line.number(), line.raw(), null, "empty line, expected a JSON object");
        }
        return new Cut(line.number(), line.raw(), line.text(), null);
    }

    @Override
    public Record read(Cut cut) {
        long n = cut.line();
        if (cut.error() != null) {
            return new Record(n, cut.raw(), new ReadResult.Rejected(null, List.of("line " + n + ": " + cut.error())));
        }
        ReadResult r = reader.read((String) cut.content());
        if (r instanceof ReadResult.Rejected rejected) {
            r = new ReadResult.Rejected(rejected.incidentId(), rejected.errors().stream().map(e -> "line " + n + ": " + e).toList());
        }
        return new Record(n, cut.raw(), r);
    }

    /**
     * When the first line opens an object it does not close, the input may be one pretty-printed object:
     * if all of it reads as exactly one JSON value, that is the single record. Otherwise the gathered
     * lines are read one by one as usual.
     */
    private Cut tryDocument(LineSource.Line firstLine) {
        if (!firstLine.ok() || !reader.opensUnfinishedValue(firstLine.text())) {
            return null;
        }
        List<LineSource.Line> gathered = new ArrayList<>();
        gathered.add(firstLine);
        StringBuilder text = new StringBuilder(firstLine.text());
        LineSource.Line next;
        while (gathered.size() < MAX_DOCUMENT_LINES && text.length() < MAX_DOCUMENT_CHARS && (next = lines.next()) != null) {
            gathered.add(next);
            if (!next.ok()) {
                break;
            }
            text.append('\n').append(next.text());
        }
        boolean whole = gathered.size() < MAX_DOCUMENT_LINES && text.length() < MAX_DOCUMENT_CHARS;
        if (whole && gathered.get(gathered.size() - 1).ok() && reader.isSingleValue(text.toString())) {
            String document = text.toString();
            return new Cut(firstLine.number(), document, document, null);
        }
        replay.addAll(gathered.subList(1, gathered.size()));
        return cutOf(firstLine);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
