package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Incidents from CSV with a header row (RFC 4180: commas, double quotes, quoted line breaks). The header
 * names contract fields ({@code id}, {@code user.state}, {@code authenticator.type}, ...) or, through a
 * {@link ColumnMap}, a foreign export's columns. Each record costs only itself when it is bad: wrong
 * column count, bad quoting, an unterminated quote, invalid UTF-8, an over-long field or record, or an
 * empty line each give a rejection with the line the record starts on, and reading goes on with the next
 * one. A record over {@link #MAX_RECORD_BYTES}, however many lines it spans, is read past in one pass
 * without being kept, and is one rejection.
 *
 * <p>Written here rather than taken from a CSV library (commons-csv, FastCSV) because it must recover
 * after a malformed record at the right line (reading a stray quote's lines again as records), with line
 * numbers, raw text and a line-by-line UTF-8 check, which general CSV readers do not offer.
 */
public final class CsvSource implements RecordSource {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSource.class);

    /**
     * A flat row holds at most one authenticator, so "the user has none" needs its own column: a cell
     * {@code none} (or {@code []}) in column {@code authenticators} is an empty list.
     */
    public static final String NO_AUTHENTICATORS_COLUMN = "authenticators";

    /** Longest field, in characters: the contract's longest text (description, error message). */
    public static final int MAX_FIELD_CHARS = 20_000;
    /**
     * Longest record, in UTF-8 bytes with its line breaks: the same as the longest line, so a record cannot
     * escape the line limit by spreading over lines. A longer record is read past, not kept.
     */
    public static final int MAX_RECORD_BYTES = LineSource.DEFAULT_MAX_LINE_BYTES;
    /** How many lines a quoted field may span before its quote counts as never closed. */
    static final int MAX_RECORD_LINES = 1_000;
    /** How many unknown column names an error names before it only counts the rest. */
    static final int NAMED_COLUMNS = 5;
    private static final int PREVIEW_CHARS = 1024;

    private final LineSource lines;
    private final IncidentReader reader;
    private final ColumnMap map;
    private final Deque<LineSource.Line> replay = new ArrayDeque<>();
    private final List<String> header;
    private final ContractFields.Field[] fields; // null where a column is ignored
    private int noneColumn = -1;                  // the "authenticators" column, when present

    /**
     * Reads the header at once.
     *
     * @throws IllegalArgumentException when the header names a column neither the contract nor the map knows
     *                                  (without a map), or cannot be read; the message names the column
     */
    public CsvSource(InputStream in, IncidentReader reader, ColumnMap map) {
        this.lines = new LineSource(in);
        this.reader = reader;
        this.map = map;
        LineSource.Line first = lines.next();
        if (first == null) {
            header = List.of();
            fields = new ContractFields.Field[0];
            return;
        }
        if (!first.ok()) {
            throw new IllegalArgumentException("the CSV header (line 1): " + first.error());
        }
        RecordParser parsed = new RecordParser(true);
        parsed.feed(first.text());
        if (parsed.error != null || parsed.open()) {
            throw new IllegalArgumentException("the CSV header (line 1): " + (parsed.open() ? "a quoted name is never closed" : parsed.error));
        }
        header = parsed.cells;
        fields = new ContractFields.Field[header.size()];
        List<String> unknown = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String target = map.fieldFor(header.get(i));
            if (NO_AUTHENTICATORS_COLUMN.equals(target)) {
                noneColumn = i;
                continue;
            }
            if (target == null) {
                (map == ColumnMap.NONE ? unknown : ignored).add(header.get(i));
            } else if (!ColumnMap.IGNORE.equals(target)) {
                if (seen.contains(target)) {
                    throw new IllegalArgumentException("the CSV header (line 1): two columns feed " + target);
                }
                seen.add(target);
                fields[i] = ContractFields.all().get(target);
            }
        }
        List<String> notNames = new ArrayList<>(unknown);
        notNames.addAll(ignored);
        if (notNames.stream().anyMatch(CsvSource::looksLikeData)) {
            // A file without a header row: its first record would be echoed as column names. Say so, echo nothing.
            throw new IllegalArgumentException("line 1 is not a CSV header: " + notNames.size() + " of its " + header.size()
                    + " columns are not fields of the incident contract" + (map == ColumnMap.NONE ? "" : " nor of the map")
                    + ", and some hold values such as e-mail addresses, phone numbers or numbers (not shown: they may be"
                    + " personal data); the first line must name the columns" + HEADER_HINT);
        }
        if (!ignored.isEmpty()) {
            LOG.warn("CSV columns ignored, known neither to the map nor to the incident contract: {}", names(ignored));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the CSV header (line 1): " + names(unknown)
                    + (unknown.size() == 1 ? " is not a field" : " are not fields") + " of the incident contract" + HEADER_HINT);
        }
    }

    private static final String HEADER_HINT = " (columns are field paths such as id, symptom, error.message, user.state,"
            + " authenticator.type; use --map to map a foreign export's columns)";

    /** The first few column names, quoted and cut short, then how many more: a 500,000-column header stays one line. */
    static String names(List<String> columns) {
        StringBuilder s = new StringBuilder();
        int shown = Math.min(columns.size(), NAMED_COLUMNS);
        for (int i = 0; i < shown; i++) {
            String c = columns.get(i);
            s.append(i == 0 ? "" : ", ").append('"').append(c.length() > 40 ? c.substring(0, 40) + "..." : c).append('"');
        }
        if (columns.size() > shown) {
            s.append(" and ").append(columns.size() - shown).append(" more");
        }
        return s.toString();
    }

    private static final java.util.regex.Pattern DATA = java.util.regex.Pattern.compile(
            "@"                                                  // an e-mail address
            + "|(?:\\d[^\\d]{0,3}){4}"                            // four digits close together: phone, date, id, IPv4
            + "|\\p{XDigit}{0,4}:\\p{XDigit}{0,4}:"                // IPv6, times
            + "|^\\s*[-+]?\\d+(?:[.,]\\d+)?\\s*$");                 // a number

    /** Whether a would-be column name is more likely a value: an address, a phone number, a number. */
    static boolean looksLikeData(String cell) {
        return DATA.matcher(cell).find();
    }

    /** The header's column names, as in the file. */
    public List<String> header() {
        return header;
    }

    @Override
    public Cut cut() {
        LineSource.Line first = nextLine();
        if (first == null) {
            return null;
        }
        if (!first.ok()) {
            return new Cut(first.number(), first.raw(), null, first.error());
        }
        if (first.text().isBlank()) {
            return new Cut(first.number(), first.raw(), null, "empty line, expected a CSV record");
        }
        // A quoted field may hold line breaks: while the record ends inside one, take the next line too. Each
        // line is parsed once, where the last one stopped, and the record's size is counted as it grows.
        RecordParser parsed = new RecordParser(true);
        parsed.feed(first.text());
        StringBuilder text = new StringBuilder(first.text());
        long bytes = RecordParser.utf8Length(first.text());
        List<LineSource.Line> gathered = new ArrayList<>();
        long last = first.number();
        int taken = 0;
        while (parsed.open() && parsed.error == null) {
            LineSource.Line more = taken++ < MAX_RECORD_LINES ? nextLine() : null;
            if (more != null && parsed.keep) {
                gathered.add(more);
            }
            if (more == null || !more.ok()) {
                if (parsed.keep) {
                    return unclosed(first, gathered);
                }
                if (more != null) {
                    replay.addFirst(more); // not part of the record: reported on its own
                }
                return new Cut(first.number(), preview(first), null, "bad quoting: a quoted field opened on this line is not closed"
                        + " within the record limit of " + MAX_RECORD_BYTES + " bytes (lines " + first.number() + " to " + last
                        + " are read past with it)");
            }
            last = more.number();
            bytes += 1 + RecordParser.utf8Length(more.text());
            if (parsed.keep && bytes > MAX_RECORD_BYTES) {
                // Too long to keep: read on to the record's end only to know where the next one starts.
                parsed.discard();
                gathered.clear();
                text = null;
            }
            parsed.continueWith(more.text());
            if (text != null) {
                text.append('\n').append(more.text());
            }
        }
        if (!parsed.keep) {
            return new Cut(first.number(), preview(first), null, "the record (lines " + first.number() + " to " + last + ") is " + bytes
                    + " bytes long, over the limit of " + MAX_RECORD_BYTES + " bytes"
                    + (parsed.error == null ? "" : ", and has " + parsed.error));
        }
        if (!gathered.isEmpty() && (parsed.error != null || parsed.cells.size() != header.size())) {
            // The lines taken in do not make one good record: the quote was a stray one.
            return unclosed(first, gathered);
        }
        String raw = text.toString();
        if (parsed.error != null) {
            return new Cut(first.number(), raw, null, parsed.error);
        }
        if (parsed.cells.size() != header.size()) {
            return new Cut(first.number(), raw, null, "expected " + header.size() + " columns, found " + parsed.cells.size());
        }
        return new Cut(first.number(), raw, parsed.cells, null);
    }

    private static String preview(LineSource.Line first) {
        return first.text().length() > PREVIEW_CHARS ? first.text().substring(0, PREVIEW_CHARS) + "..." : first.text();
    }

    /** Rejects the line a never-closed quote opened on; the lines taken in after it are read again as records. */
    private Cut unclosed(LineSource.Line first, List<LineSource.Line> gathered) {
        for (int k = gathered.size() - 1; k >= 0; k--) {
            replay.addFirst(gathered.get(k));
        }
        return new Cut(first.number(), first.raw(), null, "bad quoting: a quoted field opened on this line is never closed");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Record read(Cut cut) {
        if (cut.error() != null) {
            return new Record(cut.line(), cut.raw(), new ReadResult.Rejected(null, List.of("line " + cut.line() + ": " + cut.error())));
        }
        return toIncident(cut.line(), cut.raw(), (List<String>) cut.content());
    }

    private LineSource.Line nextLine() {
        return replay.isEmpty() ? lines.next() : replay.poll();
    }

    private Record toIncident(long line, String raw, List<String> cells) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            ContractFields.Field field = fields[i];
            String cell = cells.get(i);
            if (field == null || cell.isEmpty()) {
                continue; // an empty cell is an unknown fact, not an empty one
            }
            if (cell.length() > MAX_FIELD_CHARS) {
                errors.add(field.name() + ": " + cell.length() + " characters, over the limit of " + MAX_FIELD_CHARS);
                continue;
            }
            String value = map.valueFor(field.name(), cell);
            JsonNode node = switch (field.kind()) {
                case BOOLEAN -> parseBoolean(value);
                case INTEGER -> parseInteger(value);
                case STRING -> JsonNodeFactory.instance.stringNode(value);
            };
            if (node == null) {
                String problem = field.kind() == ContractFields.Kind.BOOLEAN ? "not true or false"
                        : WHOLE_NUMBER.matcher(value.strip()).matches() ? "out of range for a whole number" : "not a whole number";
                errors.add(label(i, field) + ": \"" + value + "\" is " + problem);
                continue;
            }
            put(root, field.jsonPath(), node);
        }
        if (noneColumn >= 0 && !cells.get(noneColumn).isBlank()) {
            String cell = cells.get(noneColumn).strip();
            if (cell.equalsIgnoreCase("none") || cell.equals("[]")) {
                if (root.has("authenticators")) {
                    errors.add("authenticators: \"" + cell + "\" but an authenticator.* column is filled in too");
                } else {
                    root.putArray("authenticators");
                }
            } else {
                errors.add("authenticators: \"" + cell + "\" is not none (leave it empty when the user has authenticators)");
            }
        }
        String id = root.path("id").isString() ? root.path("id").asString() : null;
        if (!errors.isEmpty()) {
            return new Record(line, raw, new ReadResult.Rejected(id, errors.stream().map(e -> "line " + line + ": " + e).toList()));
        }
        ReadResult r = reader.read(root);
        if (r instanceof ReadResult.Rejected rejected) {
            r = new ReadResult.Rejected(rejected.incidentId(), rejected.errors().stream().map(e -> "line " + line + ": " + e).toList());
        }
        return new Record(line, raw, r);
    }

    private static final java.util.regex.Pattern WHOLE_NUMBER = java.util.regex.Pattern.compile("[-+]?\\d+");

    /** The field a cell feeds, and its column when a map gave it another name. */
    private String label(int column, ContractFields.Field field) {
        String name = header.get(column);
        return name.strip().equals(field.name()) ? field.name() : field.name() + " (column " + names(List.of(name)) + ")";
    }

    private static void put(ObjectNode root, String[] path, JsonNode value) {
        JsonNode node = root;
        for (int i = 0; i < path.length - 1; i++) {
            String step = path[i];
            boolean nextIsIndex = path[i + 1].chars().allMatch(Character::isDigit);
            if (node instanceof ObjectNode o) {
                JsonNode child = o.get(step);
                if (child == null) {
                    child = nextIsIndex ? o.putArray(step) : o.putObject(step);
                }
                node = child;
            } else if (node instanceof ArrayNode a) {
                int index = Integer.parseInt(step);
                while (a.size() <= index) {
                    a.addObject();
                }
                node = a.get(index);
            }
        }
        ((ObjectNode) node).set(path[path.length - 1], value);
    }

    private static JsonNode parseBoolean(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("true")) {
            return JsonNodeFactory.instance.booleanNode(true);
        }
        if (t.equalsIgnoreCase("false")) {
            return JsonNodeFactory.instance.booleanNode(false);
        }
        return null;
    }

    private static JsonNode parseInteger(String s) {
        try {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Splits a record into cells, RFC 4180 style, one line at a time: a line continues where the last one
     * stopped, so a record spanning many lines is parsed once. Stops at the first quoting error, by column.
     * When told to {@link #discard()}, it only follows the quotes, keeping no text.
     */
    static final class RecordParser {
        final List<String> cells = new ArrayList<>();
        private final StringBuilder cell = new StringBuilder();
        boolean keep;
        String error;
        private boolean inQuotes;
        private boolean afterClosingQuote;
        private boolean atFieldStart = true;
        private int column = 1;

        RecordParser(boolean keep) {
            this.keep = keep;
        }

        /** Whether the text so far ends inside a quoted field. */
        boolean open() {
            return inQuotes;
        }

        /** From now on, only follows the quotes. */
        void discard() {
            keep = false;
            cells.clear();
            cell.setLength(0);
            cell.trimToSize();
        }

        /** Parses the record's first line. */
        void feed(String line) {
            parse(line);
        }

        /** Parses one more line of a record that ended inside a quoted field. */
        void continueWith(String line) {
            if (keep) {
                cell.append('\n');
            }
            parse(line);
        }

        private void parse(String line) {
            int n = line.length();
            for (int i = 0; i < n && error == null; i++) {
                char c = line.charAt(i);
                if (inQuotes) {
                    if (c != '"') {
                        append(c);
                    } else if (i + 1 < n && line.charAt(i + 1) == '"') {
                        append('"');
                        i++;
                    } else {
                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                } else if (c == ',') {
                    endCell();
                } else if (afterClosingQuote) {
                    error = "bad quoting in column " + column + ": text after the closing quote";
                } else if (c == '"') {
                    if (atFieldStart) {
                        inQuotes = true;
                        atFieldStart = false;
                    } else {
                        error = "bad quoting in column " + column + ": a quote inside an unquoted field";
                    }
                } else {
                    atFieldStart = false;
                    append(c);
                }
            }
            if (!inQuotes && error == null) {
                endCell();
            }
        }

        private void append(char c) {
            if (keep) {
                cell.append(c);
            }
        }

        private void endCell() {
            if (keep) {
                cells.add(cell.toString());
            }
            cell.setLength(0);
            afterClosingQuote = false;
            atFieldStart = true;
            column++;
        }

        /** A line's length in UTF-8 bytes, as it was read. */
        static long utf8Length(String s) {
            long bytes = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
            return bytes;
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
