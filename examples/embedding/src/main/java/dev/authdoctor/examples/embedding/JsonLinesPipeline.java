package dev.authdoctor.examples.embedding;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Incidents in as JSON Lines, diagnoses out as JSON Lines: one output line per input line, in order. A line
 * that is not a valid incident becomes a REJECTED diagnosis naming the line and field; it never stops the run.
 */
public final class JsonLinesPipeline {

    private JsonLinesPipeline() {
    }

    /**
     * Diagnoses every line of {@code in} and writes the diagnoses to {@code out}. Closes neither.
     *
     * @param doctor the shared troubleshooter
     * @param in     UTF-8 JSON Lines, one incident per line
     * @param out    where the diagnoses go, one JSON object per line
     * @throws IOException when {@code in} cannot be read or {@code out} written
     */
    public static void run(Troubleshooter doctor, InputStream in, OutputStream out) throws IOException {
        try (Stream<IncidentJson.Line> lines = IncidentJson.lines(in)) {
            Stream<Diagnosis> diagnoses = lines.map(line -> diagnose(doctor, line.result()));
            DiagnosisJson.writeLines(diagnoses::iterator, out);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a read failure, surfaced by the lazy stream
        }
    }

    private static Diagnosis diagnose(Troubleshooter doctor, ReadResult read) {
        if (read instanceof ReadResult.Accepted accepted) {
            return doctor.diagnose(accepted.incident());
        }
        ReadResult.Rejected rejected = (ReadResult.Rejected) read;
        return Diagnosis.rejected(rejected.incidentId(), rejected.errors());
    }

    /**
     * Diagnoses a JSON Lines file, or the bundled {@code incidents.jsonl}, to standard output.
     *
     * @param args an optional path to a JSON Lines file
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (Troubleshooter doctor = Troubleshooter.create();
             InputStream in = args.length > 0 ? Files.newInputStream(Path.of(args[0]))
                     : JsonLinesPipeline.class.getResourceAsStream("incidents.jsonl")) {
            run(doctor, in, System.out);
        }
    }
}
