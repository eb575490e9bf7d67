package dev.authdoctor.engine;

import dev.authdoctor.bench.GeneratedIncidents;
import dev.authdoctor.vocabulary.Organisation;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rules' part of a diagnosis (facts, session, firing, findings) in a pooled, emptied session against a fresh session
 * per incident, over the same generated incidents. In the engine's package: the switch between the two is not public.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionReuseBenchmark {

    private static final Organisation ORG = new Organisation("support@entrust.com");
    RuleBase pooled;
    RuleBase fresh;
    GeneratedIncidents incidents;

    @Setup
    public void setUp() {
        pooled = RuleBase.compile(List.of(RulePack.builtIn()));
        fresh = RuleBase.compile(List.of(RulePack.builtIn()));
        fresh.reuseSessions(false);
        incidents = new GeneratedIncidents(2_000, 9);
    }

    @Benchmark
    public Object pooledSession() {
        return pooled.run(incidents.next(), ORG);
    }

    @Benchmark
    public Object freshSession() {
        return fresh.run(incidents.next(), ORG);
    }
}
