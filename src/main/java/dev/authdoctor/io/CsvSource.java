package dev.authdoctor.io;

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
 * column count, bad quoting, an unterminated quote, invalid UTF-8, an over-long field or an empty line
 * each give a rejection with the line the record starts on, and reading goes on with the next one.
 *
 * <p>Written here rather than taken from a CSV library because it must recover after a malformed
 * record at the right line, with line numbers and raw text, which general CSV readers do not offer.
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
    /** How many lines a quoted field may span before its quote counts as never closed. */
    static final int MAX_RECORD_LINES = 1_000;

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
        Parsed parsed = split(first.text());
        if (parsed.error != null || parsed.open) {
            throw new IllegalArgumentException("the CSV header (line 1): " + (parsed.open ? "a quoted name is never closed" : parsed.error));
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
        if (!ignored.isEmpty()) {
            LOG.warn("CSV columns ignored, known neither to the map nor to the incident contract: {}", ignored);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the CSV header (line 1): " + String.join(", ", unknown.stream().map(u -> "\"" + u + "\"").toList())
                    + (unknown.size() == 1 ? " is not a field" : " are not fields") + " of the incident contract"
                    + " (columns are field paths such as id, symptom, error.message, user.state, authenticator.type;"
                    + " use --map to map a foreign export's columns)");
        }
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
        // A quoted field may hold line breaks: while the record ends inside one, take the next line too.
        StringBuilder text = new StringBuilder(first.text());
        List<LineSource.Line> gathered = new ArrayList<>();
        while (true) {
            Parsed parsed = split(text);
            if (parsed.open) {
                LineSource.Line more = gathered.size() < MAX_RECORD_LINES ? nextLine() : null;
                if (more != null) {
                    gathered.add(more);
                }
                if (more == null || !more.ok()) {
                    return unclosed(first, gathered);
                }
                text.append('\n').append(more.text());
                continue;
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
                errors.add(field.name() + ": \"" + value + "\" is not " + (field.kind() == ContractFields.Kind.BOOLEAN ? "true or false" : "a whole number"));
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

    /** Cells, or the first quoting error by column, or {@code open}: the text ends inside a quoted field. */
    private record Parsed(List<String> cells, String error, boolean open) {
    }

    /** Splits one record's text into cells, RFC 4180 style. */
    private static Parsed split(CharSequence text) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            int column = cells.size() + 1;
            cell.setLength(0);
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return new Parsed(null, null, true);
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < n && text.charAt(i) != ',') {
                    return new Parsed(null, "bad quoting in column " + column + ": text after the closing quote", false);
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        return new Parsed(null, "bad quoting in column " + column + ": a quote inside an unquoted field", false);
                    }
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            if (i >= n) {
                return new Parsed(cells, null, false);
            }
            i++; // the comma
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
