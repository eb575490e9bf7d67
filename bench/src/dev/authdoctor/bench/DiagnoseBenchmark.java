package dev.authdoctor.bench;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Per-incident cost of diagnose against the hand-written decision function, over the same mix of incidents. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiagnoseBenchmark {

    Troubleshooter doctor;
    Incident[] incidents;
    int next;

    @Setup
    public void setUp() {
        doctor = Troubleshooter.create();
        IncidentReader reader = new IncidentReader();
        List<Incident> list = new ArrayList<>();
        for (String line : new String(new ExportGenerator(9).jsonLines(2_000, 0.0), StandardCharsets.UTF_8).split("\n")) {
            if (reader.read(line) instanceof ReadResult.Accepted a) {
                list.add(a.incident());
            }
        }
        incidents = list.toArray(new Incident[0]);
    }

    private Incident nextIncident() {
        Incident i = incidents[next];
        next = (next + 1) % incidents.length;
        return i;
    }

    @Benchmark
    public Object diagnose() {
        return doctor.diagnose(nextIncident());
    }

    @Benchmark
    public Object handWrittenFloor() {
        return HandWrittenTable.decide(nextIncident());
    }
}
