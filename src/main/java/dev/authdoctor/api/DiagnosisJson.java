package dev.authdoctor.api;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes diagnoses as JSON in the output contract's shape ({@code diagnosis.schema.json}): one object, or
 * JSON Lines (one object per line, each ended by {@code \n}). Fields come in a fixed order and
 * {@code errors} only on rejections, so the same diagnosis is always the same bytes. Output is UTF-8 where
 * bytes are written. No JSON library's types appear here. Thread-safe.
 *
 * <pre>{@code
 * String json = DiagnosisJson.toJson(doctor.diagnose(incident));
 * DiagnosisJson.writeLines(diagnoses, Path.of("diagnoses.jsonl"));
 * }</pre>
 *
 * @see IncidentJson for the way in
 */
public final class DiagnosisJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the caller owns the stream
            .build();

    private DiagnosisJson() {
    }

    /**
     * One diagnosis as one JSON object on one line, without a line break.
     *
     * @param d a diagnosis
     * @return its JSON text
     */
    public static String toJson(Diagnosis d) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            write(d, g);
        }
        return out.toString();
    }

    /**
     * Writes one diagnosis as one JSON object, without a line break. Flushes; does not close {@code out}.
     *
     * @param d a diagnosis
     * @param out where to write it
     * @throws IOException when {@code out} fails
     */
    public static void write(Diagnosis d, Writer out) throws IOException {
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            write(d, g);
        } catch (JacksonException e) {
            throw io(e);
        }
    }

    /**
     * Writes one diagnosis as one JSON object in UTF-8, without a line break. Flushes; does not close {@code out}.
     *
     * @param d a diagnosis
     * @param out where to write it
     * @throws IOException when {@code out} fails
     */
    public static void write(Diagnosis d, OutputStream out) throws IOException {
        try (JsonGenerator g = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            write(d, g);
        } catch (JacksonException e) {
            throw io(e);
        }
    }

    /**
     * Writes one diagnosis as one JSON Lines line: the object, then {@code \n}. Does not close {@code out}.
     *
     * @param d a diagnosis
     * @param out where to write it
     * @throws IOException when {@code out} fails
     */
    public static void writeLine(Diagnosis d, Writer out) throws IOException {
        out.write(toJson(d));
        out.write('\n');
    }

    /**
     * Writes diagnoses as JSON Lines, one line each, in order. Flushes; does not close {@code out}.
     * A stream of diagnoses is written with {@code writeLines(stream::iterator, out)}.
     *
     * @param diagnoses the diagnoses, in the order to write them
     * @param out where to write them
     * @throws IOException when {@code out} fails
     */
    public static void writeLines(Iterable<? extends Diagnosis> diagnoses, Writer out) throws IOException {
        for (Diagnosis d : diagnoses) {
            writeLine(d, out);
        }
        out.flush();
    }

    /**
     * Writes diagnoses as JSON Lines in UTF-8, one line each, in order. Flushes; does not close {@code out}.
     *
     * @param diagnoses the diagnoses, in the order to write them
     * @param out where to write them
     * @throws IOException when {@code out} fails
     */
    public static void writeLines(Iterable<? extends Diagnosis> diagnoses, OutputStream out) throws IOException {
        writeLines(diagnoses, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /**
     * Writes diagnoses as JSON Lines in UTF-8 to a file, replacing it.
     *
     * @param diagnoses the diagnoses, in the order to write them
     * @param file the file to write
     * @throws IOException when the file cannot be written
     */
    public static void writeLines(Iterable<? extends Diagnosis> diagnoses, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeLines(diagnoses, out);
        }
    }

    /** Jackson reports a failed write as its own unchecked exception; callers see the I/O error it wraps. */
    private static IOException io(JacksonException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException u) {
            return u.getCause();
        }
        return new IOException(e.getOriginalMessage(), e);
    }

    private static void write(Diagnosis d, JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("incidentId", d.incidentId());
        g.writeStringProperty("outcome", d.outcome().name());
        g.writeArrayPropertyStart("problems");
        for (Diagnosis.Problem p : d.problems()) {
            g.writeStartObject();
            g.writeStringProperty("id", p.id());
            g.writeStringProperty("title", p.title());
            writeStrings(g, "causes", p.causes());
            writeStrings(g, "rules", p.rules());
            if (p.text() != null) {
                g.writeStringProperty("evidence", "TEXT");
                g.writeNumberProperty("confidence", p.text().confidence());
                g.writeStringProperty("field", p.text().field());
                writeStrings(g, "matchedTerms", p.text().matchedTerms());
                g.writeStringProperty("language", p.text().language());
            }
            if (!p.explanations().isEmpty()) {
                g.writeArrayPropertyStart("explanations");
                for (Diagnosis.Explanation e : p.explanations()) {
                    writeExplanation(g, e);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("steps");
        for (Diagnosis.Step s : d.steps()) {
            g.writeStartObject();
            g.writeNumberProperty("order", s.order());
            g.writeStringProperty("id", s.id());
            g.writeStringProperty("actor", s.actor().name());
            g.writeStringProperty("text", s.text());
            g.writeStringProperty("problemId", s.problemId());
            if (s.explanation() != null) {
                g.writeName("explanation");
                writeExplanation(g, s.explanation());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        Diagnosis.Escalation e = d.escalation();
        if (e == null) {
            g.writeNullProperty("escalation");
        } else {
            g.writeObjectPropertyStart("escalation");
            g.writeStringProperty("contact", e.contact());
            g.writeStringProperty("condition", e.condition().name());
            g.writeBooleanProperty("now", e.now());
            if (e.reason() != null) {
                g.writeStringProperty("reason", e.reason());
            }
            g.writeEndObject();
        }
        if (!d.errors().isEmpty()) {
            writeStrings(g, "errors", d.errors());
        }
        if (!d.rulePacks().isEmpty()) {
            writeStrings(g, "rulePacks", d.rulePacks());
        }
        g.writeEndObject();
    }

    private static void writeExplanation(JsonGenerator g, Diagnosis.Explanation e) {
        g.writeStartObject();
        g.writeStringProperty("rule", e.rule());
        if (e.row() != null) {
            g.writeStringProperty("row", e.row());
        }
        writeStrings(g, "because", e.because());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
