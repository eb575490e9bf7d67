package dev.authdoctor.bench;

import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.IncidentReader;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The floor for a cold {@code authdoctor batch} run (issue 12): one thread reads a JSON Lines export with
 * Jackson (through the library's own reader, so records are checked against the same contract), decides
 * with {@link HandWrittenTable}'s if/else over the 13 rows, and writes one JSON line per record, rejected
 * lines included, so no record is dropped. Run as a fresh JVM by {@code bench/cold-batch.sh}; not a test.
 *
 * <pre>HandWrittenPass INPUT.jsonl OUTPUT.jsonl</pre>
 */
public final class HandWrittenPass {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HandWrittenPass INPUT.jsonl OUTPUT.jsonl");
            System.exit(2);
        }
        IncidentReader reader = new IncidentReader();
        JsonMapper mapper = JsonMapper.builder().build();
        long line = 0;
        // Invalid UTF-8 is replaced rather than fatal: the reader then rejects that line, as batch does.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(Channels.newReader(FileChannel.open(Path.of(args[0])), decoder, -1), 1 << 16);
             Writer out = new BufferedWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8), 1 << 16);
             JsonGenerator json = mapper.createGenerator(out)) {
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                json.writeStartObject();
                json.writeNumberProperty("line", line);
                ReadResult result = text.isBlank() ? new ReadResult.Rejected(null, List.of("empty line")) : reader.read(text);
                if (result instanceof ReadResult.Accepted a) {
                    HandWrittenTable.Plan plan = HandWrittenTable.decide(a.incident());
                    json.writeStringProperty("incidentId", a.incident().id());
                    writeArray(json, "problems", plan.problems());
                    writeArray(json, "causes", plan.causes());
                    writeArray(json, "steps", plan.steps());
                    json.writeStringProperty("escalation", plan.escalation());
                } else if (result instanceof ReadResult.Rejected r) {
                    json.writeStringProperty("incidentId", r.incidentId());
                    writeArray(json, "errors", r.errors());
                }
                json.writeEndObject();
                json.flush();
                out.write('\n');
            }
        }
        System.err.println("records: " + line);
    }

    private static void writeArray(JsonGenerator json, String name, List<String> values) {
        json.writeArrayPropertyStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }
}
