package dev.authdoctor.bench;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;

/**
 * An embedder's cold start: a fresh JVM builds a Troubleshooter and diagnoses one incident (the first line of
 * examples/incidents.jsonl, given as the argument). Prints the outcome; bench/embedding.sh times the JVM.
 */
public final class FirstDiagnosis {
    public static void main(String[] args) {
        Incident incident = ((ReadResult.Accepted) new IncidentReader().read(args[0])).incident();
        try (Troubleshooter doctor = Troubleshooter.create()) {
            Diagnosis d = doctor.diagnose(incident);
            System.out.println(d.incidentId() + " " + d.outcome() + " " + d.steps().size() + " steps");
        }
    }
}
