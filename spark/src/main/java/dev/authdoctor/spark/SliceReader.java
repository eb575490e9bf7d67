package dev.authdoctor.spark;

import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.ColumnMap;
import dev.authdoctor.io.CsvSource;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.io.LineSource;
import dev.authdoctor.io.RecordSource;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads one slice into {@link Schemas#RECORDS} rows, lazily, in line order. A whole file is read by the library's
 * own readers (JsonLinesSource, CsvSource), so its records, line numbers and reasons are batch's. A range of a JSON
 * Lines file is read line by line as JsonLinesSource reads each line after the first.
 */
final class SliceReader implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Thread-safe and costly to build (it loads the contract): one per JVM. */
    private static final class Shared {
        static final IncidentReader READER = new IncidentReader();
    }

    private final HadoopConf conf;
    private final Map<String, String> mapColumns; // null: no --map
    private final Map<String, Map<String, String>> mapValues;

    SliceReader(HadoopConf conf, ColumnMap map) {
        this.conf = conf;
        boolean none = map == null || map == ColumnMap.NONE;
        this.mapColumns = none ? null : new HashMap<>(map.columns());
        this.mapValues = none ? null : new HashMap<>(map.values());
    }

    private ColumnMap map() {
        // batch tells "no map" by identity: without one, unknown columns stop the run rather than being ignored
        return mapColumns == null ? ColumnMap.NONE : new ColumnMap(mapColumns, mapValues);
    }

    /** The slice's records. */
    Iterator<Row> read(Slice slice) throws IOException {
        if (slice.format() == Format.CSV) {
            return csv(slice, false);
        }
        return slice.whole() ? jsonLines(slice, false) : range(slice, false);
    }

    /** How many records the slice holds, cut as {@link #read} cuts them but not read: the job's independent count. */
    long count(Slice slice) throws IOException {
        Iterator<Row> rows = slice.format() == Format.CSV ? csv(slice, true)
                : slice.whole() ? jsonLines(slice, true) : range(slice, true);
        long n = 0;
        while (rows.hasNext()) {
            rows.next();
            n++;
        }
        return n;
    }

    private Iterator<Row> jsonLines(Slice slice, boolean cutOnly) throws IOException {
        RecordSource source = new JsonLinesSource(Inputs.openWhole(conf, slice.path()), Shared.READER);
        return rows(source, () -> {
            RecordSource.Cut c = source.cut();
            if (c == null || cutOnly) {
                return c == null ? null : RowFactory.create();
            }
            if (c.error() != null) {
                return RowFactory.create(slice.name(), c.line(), c.raw(), null, null, Schemas.seq(List.of("line " + c.line() + ": " + c.error())));
            }
            String text = (String) c.content();
            return RowFactory.create(slice.name(), c.line(), text.equals(c.raw()) ? null : c.raw(), text, null, null);
        });
    }

    private Iterator<Row> csv(Slice slice, boolean cutOnly) throws IOException {
        RecordSource source = new CsvSource(Inputs.openWhole(conf, slice.path()), Shared.READER, map());
        return rows(source, () -> {
            RecordSource.Cut c = source.cut();
            if (c == null || cutOnly) {
                return c == null ? null : RowFactory.create();
            }
            RecordSource.Record r = source.read(c);
            if (r.result() instanceof ReadResult.Rejected rej) {
                return RowFactory.create(slice.name(), r.line(), r.raw(), null, rej.incidentId(), Schemas.seq(rej.errors()));
            }
            // The incident travels as contract JSON; IncidentJson.read gives the same incident back.
            String json = IncidentJson.toJson(((ReadResult.Accepted) r.result()).incident());
            return RowFactory.create(slice.name(), r.line(), r.raw(), json, null, null);
        });
    }

    /** Lines starting in [from, to): each one record, numbered from the slice's first line. */
    private Iterator<Row> range(Slice slice, boolean cutOnly) throws IOException {
        // A range after the first starts one byte early, at the line break that ends the line before it: the
        // first line read is then that empty remainder, skipped, and a byte-order mark is only ever skipped at
        // the file's start, as batch skips it.
        boolean first = slice.from() == 0;
        InputStream in = Inputs.openRange(conf, slice.path(), first ? 0 : slice.from() - 1, slice.to());
        LineSource lines = new LineSource(in);
        if (!first) {
            lines.next();
        }
        long offset = slice.firstLine() - (first ? 1 : 2);
        return rows(lines, () -> {
            LineSource.Line l = lines.next();
            if (l == null || cutOnly) {
                return l == null ? null : RowFactory.create();
            }
            long n = l.number() + offset;
            if (!l.ok()) {
                return RowFactory.create(slice.name(), n, l.raw(), null, null, Schemas.seq(List.of("line " + n + ": " + l.error())));
            }
            if (l.text().isBlank()) {
                return RowFactory.create(slice.name(), n, l.raw(), null, null, Schemas.seq(List.of("line " + n + ": empty line, expected a JSON object")));
            }
            return RowFactory.create(slice.name(), n, null, l.text(), null, null);
        });
    }

    private interface Next {
        Row next() throws IOException;
    }

    /** Rows until {@code next} gives null; closes {@code source} then. */
    private static Iterator<Row> rows(java.io.Closeable source, Next next) {
        return new Iterator<>() {
            private Row row;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (row == null && !done) {
                    try {
                        row = next.next();
                        if (row == null) {
                            done = true;
                            source.close();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return row != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = row;
                row = null;
                return r;
            }
        };
    }
}
