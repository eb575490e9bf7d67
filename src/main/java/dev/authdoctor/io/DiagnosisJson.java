package dev.authdoctor.io;

import dev.authdoctor.api.Diagnosis;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

/**
 * Writes diagnoses as JSON shaped by {@code diagnosis.schema.json}, one object per line. Fields come in
 * a fixed order and {@code errors} only on rejections, so the same diagnosis is always the same bytes.
 */
public final class DiagnosisJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the caller owns the stream
            .build();

    /** One diagnosis as one line of JSON, without the line break. */
    public String toLine(Diagnosis d) {
        StringWriter out = new StringWriter(512);
        write(d, out);
        return out.toString();
    }

    public void write(Diagnosis d, Writer out) {
        try (JsonGenerator g = mapper.createGenerator(out)) {
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
