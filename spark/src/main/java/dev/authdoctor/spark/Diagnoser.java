package dev.authdoctor.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.batch.RunOutputs;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.ReadResult;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One record's result, as batch makes it: a diagnosis (with batch's JSON line) or a reject (with batch's reject
 * line). The same record always gives the same row: nothing here depends on the task, its attempt or the time.
 */
final class Diagnoser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Troubleshooter doctor;
    private final boolean csv;

    /** @param csv whether to make each diagnosis's diagnoses.csv row too (batch writes it for CSV inputs only) */
    Diagnoser(Troubleshooter doctor, boolean csv) {
        this.doctor = doctor;
        this.csv = csv;
    }

    /** A {@link Schemas#RECORDS} row to a {@link Schemas#RESULTS} row. */
    Row result(Row record) {
        String file = record.getString(0);
        Long line = record.isNullAt(1) ? null : record.getLong(1);
        String incidentText = record.getString(3);
        String raw = record.isNullAt(2) ? incidentText : record.getString(2);
        if (!record.isNullAt(5)) {
            return reject(file, line, record.getString(4), record.getList(5), raw);
        }
        ReadResult read = IncidentJson.read(incidentText);
        if (read instanceof ReadResult.Rejected r) {
            List<String> errors = line == null ? r.errors() : r.errors().stream().map(e -> "line " + line + ": " + e).toList();
            return reject(file, line, r.incidentId(), errors, raw);
        }
        Incident incident = ((ReadResult.Accepted) read).incident();
        Diagnosis d;
        try {
            d = doctor.diagnose(incident);
        } catch (RuntimeException e) {
            List<String> errors = List.of((line == null ? "" : "line " + line + ": ") + "could not be diagnosed: " + e.getMessage());
            return reject(file, line, incident.id(), errors, raw);
        }
        String unrecognised = d.outcome() == Diagnosis.Outcome.NO_MATCH && incident.error() != null && incident.error().message() != null
                ? RunOutputs.unrecognisedKey(incident.error().message()) : null;
        return RowFactory.create(file, line, d.incidentId(), d.outcome().name(), Schemas.problems(d), Schemas.steps(d),
                Schemas.escalation(d), Schemas.seq(d.rulePacks()), unrecognised, DiagnosisJson.toJson(d), null, null, null, null, null,
                csv ? chop(RunOutputs.diagnosisCsvRow(d)) : null, null, null);
    }

    /** A row without its final line break (Spark's text writer adds one). */
    private static String chop(String row) {
        return row.endsWith("\n") ? row.substring(0, row.length() - 1) : row;
    }

    /** A reject, and its line as batch writes it: file, line, incidentId, reason, errors, raw (cut), rawLength. */
    static Row reject(String file, Long line, String incidentId, List<String> errors, String raw) {
        String reason = String.join("; ", errors);
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file);
        o.put("line", line);
        o.put("incidentId", incidentId);
        o.put("reason", reason);
        ArrayNode e = o.putArray("errors");
        errors.forEach(e::add);
        int cut = raw == null ? -1 : RunOutputs.rawCut(raw);
        String kept = cut < 0 ? raw : raw.substring(0, cut);
        Long rawLength = cut < 0 ? null : (long) raw.getBytes(StandardCharsets.UTF_8).length;
        o.put("raw", kept);
        if (rawLength != null) {
            o.put("rawLength", rawLength);
        }
        return RowFactory.create(file, line, incidentId, Diagnosis.Outcome.REJECTED.name(), null, null, null, null, null, null,
                reason, Schemas.seq(errors), kept, rawLength, o.toString(), null, null, null);
    }

    /** The row that closes a partition of the job's pass: {@code records} read from {@code file}, their lines' hash. */
    static Row counted(String file, long records, long linesHash) {
        return RowFactory.create(file, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                records, linesHash);
    }
}
