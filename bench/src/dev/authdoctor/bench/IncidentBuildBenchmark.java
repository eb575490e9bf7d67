package dev.authdoctor.bench;

import dev.authdoctor.batch.ExportGenerator;
import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.UserState;
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

/**
 * What Incident.Builder.build() costs an embedder: the contract check (the incident as its JSON tree,
 * validated by the schema) on a typical failed-login incident and on the export generator's mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IncidentBuildBenchmark {

    Incident.Builder[] builders;
    int next;

    @Setup
    public void setUp() {
        IncidentReader reader = new IncidentReader();
        List<Incident.Builder> list = new ArrayList<>();
        for (String line : new String(new ExportGenerator(9).jsonLines(2_000, 0.0), StandardCharsets.UTF_8).split("\n")) {
            if (reader.read(line) instanceof ReadResult.Accepted a) {
                list.add(a.incident().toBuilder());
            }
        }
        builders = list.toArray(new Incident.Builder[0]);
    }

    @Benchmark
    public Incident buildFailedLogin() {
        return Incident.builder("T-1")
                .symptom(Symptom.CANNOT_LOG_IN)
                .error(e -> e.message("Your account is locked. Contact your administrator."))
                .user(u -> u.state(UserState.ACTIVE).locked(true))
                .authenticator(a -> a.type(AuthenticatorType.ENTRUST_SOFT_TOKEN).state(AuthenticatorState.ACTIVE))
                .build();
    }

    @Benchmark
    public Incident buildGeneratedMix() {
        Incident.Builder b = builders[next];
        next = (next + 1) % builders.length;
        return b.build();
    }
}
