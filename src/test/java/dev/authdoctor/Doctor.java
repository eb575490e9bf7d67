package dev.authdoctor;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;

/**
 * Shared test fixtures: one troubleshooter for the whole test run (compiling the rules takes a second)
 * and incidents written the way users write them, as JSON in the contract's shape.
 */
public final class Doctor {

    public static final Troubleshooter DOCTOR = Troubleshooter.create();
    public static final IncidentReader READER = new IncidentReader();
    /** {@code JSON.toLine(d)}: a diagnosis as its one line of JSON ({@link DiagnosisJson#toJson}). */
    public static final Lines JSON = DiagnosisJson::toJson;

    /** A diagnosis as one line of JSON. */
    @FunctionalInterface
    public interface Lines {
        String toLine(Diagnosis d);
    }

    private Doctor() {
    }

    /** Parses a test incident; fails the test if the fixture itself is not a valid incident. */
    public static Incident incident(String json) {
        ReadResult r = READER.read(json);
        if (r instanceof ReadResult.Accepted a) {
            return a.incident();
        }
        throw new AssertionError("test fixture is not a valid incident: " + ((ReadResult.Rejected) r).errors());
    }

    public static Diagnosis diagnose(String json) {
        return DOCTOR.diagnose(incident(json));
    }

    /** The plan as "ACTOR step-id" lines, in order: what a row test compares. */
    public static java.util.List<String> plan(Diagnosis d) {
        return d.steps().stream().map(s -> s.actor() + " " + s.id()).toList();
    }

    /** The problems' causes, flattened in order. */
    public static java.util.List<String> causes(Diagnosis d) {
        return d.problems().stream().flatMap(p -> p.causes().stream()).toList();
    }
}
