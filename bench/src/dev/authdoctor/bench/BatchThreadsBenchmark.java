package dev.authdoctor.bench;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.batch.Batch;
import dev.authdoctor.batch.BatchOptions;
import dev.authdoctor.batch.ExportGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A batch of 50,000 generated records (3 % malformed) at 1, 2 and 4 threads: seconds per run. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class BatchThreadsBenchmark {

    static final int RECORDS = 50_000;

    @Param({"1", "2", "4"})
    int threads;

    Troubleshooter doctor;
    Path dir;
    Path input;
    int run;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        doctor = Troubleshooter.create();
        dir = Files.createTempDirectory("authdoctor-jmh");
        input = dir.resolve("export.jsonl");
        Files.write(input, new ExportGenerator(4).jsonLines(RECORDS, 0.03));
    }

    @Benchmark
    public long batch() throws Exception {
        BatchOptions options = new BatchOptions(List.of(input.toString()), dir.resolve("out-" + threads + "-" + run++), null, null,
                threads, false, -1, Troubleshooter.DEFAULT_SUPPORT_CONTACT);
        return new Batch(options, doctor).run(new ByteArrayInputStream(new byte[0])).summary().read();
    }
}
