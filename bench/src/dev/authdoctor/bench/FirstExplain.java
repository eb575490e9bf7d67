package dev.authdoctor.bench;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;

/** Time of the first explain() after a first diagnose(), in one JVM (args[0]: one incident as JSON). */
public final class FirstExplain {
    public static void main(String[] args) {
        Incident incident = ((ReadResult.Accepted) new IncidentReader().read(args[0])).incident();
        try (Troubleshooter doctor = Troubleshooter.create()) {
            doctor.diagnose(incident);
            long t = System.nanoTime();
            doctor.explain(incident);
            long first = System.nanoTime() - t;
            t = System.nanoTime();
            doctor.explain(incident);
            System.out.printf("first explain(): %d ms, second: %d ms%n", first / 1_000_000, (System.nanoTime() - t) / 1_000_000);
        }
    }
}
