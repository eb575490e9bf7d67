package dev.authdoctor.bench;

import dev.authdoctor.api.Troubleshooter;
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
    GeneratedIncidents incidents;

    @Setup
    public void setUp() {
        doctor = Troubleshooter.create();
        incidents = new GeneratedIncidents(2_000, 9);
    }

    @Benchmark
    public Object diagnose() {
        return doctor.diagnose(incidents.next());
    }

    @Benchmark
    public Object handWrittenFloor() {
        return HandWrittenTable.decide(incidents.next());
    }
}
