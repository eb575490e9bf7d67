package dev.authdoctor.bench;

import dev.authdoctor.engine.DrlSource;
import dev.authdoctor.engine.RuleBase;
import dev.authdoctor.engine.RulePack;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Rule pack build time: the built-in pack, and a generated pack of 1,000 rules. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class PackBuildBenchmark {

    RulePack builtIn;
    RulePack thousand;

    @Setup
    public void setUp() {
        builtIn = RulePack.builtIn();
        thousand = generated(1_000);
    }

    /** A pack of n rules, each recognising its own message and giving two steps, in files of 50 rules. */
    static RulePack generated(int n) {
        StringBuilder manifest = new StringBuilder("name=generated\nversion=1\n");
        List<DrlSource> sources = new ArrayList<>();
        StringBuilder drl = null;
        for (int i = 0; i < n; i++) {
            if (i % 50 == 0) {
                if (drl != null) {
                    sources.add(new DrlSource("gen-" + (i / 50) + ".drl", drl.toString()));
                }
                drl = new StringBuilder("package gen.rules;\nimport dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*; import dev.authdoctor.api.Actor;\n\n");
            }
            String id = "gen-problem-" + i;
            manifest.append("problem.").append(id).append(".title=Generated problem ").append(i).append('\n');
            drl.append("""
                    rule "generated rule %1$d"
                        @id("gen-%1$d") @row("gen") @problem("%2$s")
                    when
                        ErrorText( resembles("Generated error number %1$d has happened in module %1$d.") )
                        UserFacts( state == UserState.ACTIVE )
                    then
                        insert(new ProblemFound("%2$s", Evidence.MESSAGE));
                        insert(new PlanStep("%2$s", "%2$s/a", 10, Actor.USER, "Do the first thing for %1$d."));
                        insert(new PlanStep("%2$s", "%2$s/b", 20, Actor.ADMINISTRATOR, "Do the second thing for %1$d."));
                    end

                    """.formatted(i, id));
        }
        sources.add(new DrlSource("gen-last.drl", drl.toString()));
        return RulePack.fromManifest(manifest.toString(), sources, "generated");
    }

    @Benchmark
    public Object buildBuiltIn() {
        return RuleBase.compile(List.of(builtIn));
    }

    @Benchmark
    public Object buildThousandRules() {
        return RuleBase.compile(List.of(thousand));
    }
}
