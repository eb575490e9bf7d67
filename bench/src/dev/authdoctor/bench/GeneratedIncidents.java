package dev.authdoctor.bench;

import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.IncidentReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The generated export's incidents, read, and taken round and round: what the per-incident benchmarks diagnose. */
public final class GeneratedIncidents {

    private final Incident[] incidents;
    private int next;

    /**
     * @param count how many records to generate (all valid)
     * @param seed  the generator's seed
     */
    public GeneratedIncidents(int count, long seed) {
        IncidentReader reader = new IncidentReader();
        List<Incident> list = new ArrayList<>();
        for (String line : new String(new ExportGenerator(seed).jsonLines(count, 0.0), StandardCharsets.UTF_8).split("\n")) {
            if (reader.read(line) instanceof ReadResult.Accepted a) {
                list.add(a.incident());
            }
        }
        incidents = list.toArray(new Incident[0]);
    }

    /** The next incident, from the first again after the last. */
    public Incident next() {
        Incident i = incidents[next];
        next = (next + 1) % incidents.length;
        return i;
    }
}
