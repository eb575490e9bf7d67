package dev.authdoctor.engine;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.bench.GeneratedIncidents;
import dev.authdoctor.bench.HandWrittenTable;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.vocabulary.Organisation;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.utils.KieHelper;
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
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What Drools alone costs for the facts of one diagnosis, beside the diagnosis itself (issue 12's warm gate). Over the
 * same generated incidents as {@code DiagnoseBenchmark}, each of these puts one incident's facts into a kept session,
 * fires and empties it, as a pooled diagnosis does:
 * <ul>
 *   <li>{@code diagnose}: the whole diagnosis, as embedders call it;</li>
 *   <li>{@code rulesAlone}: the built-in rules on the incident's own facts, the base a diagnosis would take, without
 *       our listeners, plan or findings (what the rules insert is emptied too);</li>
 *   <li>{@code patternPerClass}: every fact the diagnosis had in its session, its own and the rules', into a base of
 *       one do-nothing rule per fact class: the least a rule engine does to see each fact;</li>
 *   <li>{@code noRules}: the same facts into a base without rules: Drools' own bookkeeping per fact;</li>
 *   <li>{@code handWrittenFloor}: the hand-written decision function.</li>
 * </ul>
 * In the engine's package because it reads the facts as {@link RuleBase} builds them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DroolsFloorBenchmark {

    private static final int INCIDENTS = 2_000;
    private static final long SEED = 9;

    Troubleshooter doctor;
    GeneratedIncidents incidents;
    GeneratedIncidents forHand;
    final List<List<Object>> ownFacts = new ArrayList<>();
    final List<KieSession> baseOf = new ArrayList<>();
    final List<List<Object>> everyFact = new ArrayList<>();
    final Map<KieSession, List<FactHandle>> handles = new IdentityHashMap<>();
    KieSession perClass;
    KieSession noRules;
    int next;

    @Setup
    public void setUp() {
        RuleBase rules = RuleBase.compile(List.of(RulePack.builtIn()));
        doctor = Troubleshooter.overRules(rules);
        incidents = new GeneratedIncidents(INCIDENTS, SEED);
        forHand = new GeneratedIncidents(INCIDENTS, SEED);
        rules.buildWithoutText(); // the lean base plain diagnoses move to once warm
        Organisation organisation = new Organisation("your help desk");
        GeneratedIncidents source = new GeneratedIncidents(INCIDENTS, SEED);
        Map<KieBase, KieSession> sessions = new IdentityHashMap<>();
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (int i = 0; i < INCIDENTS; i++) {
            Incident incident = source.next();
            List<Object> facts = rules.facts(incident, organisation);
            KieSession session = sessions.computeIfAbsent(rules.baseFor(facts, null), this::kept);
            ownFacts.add(facts);
            baseOf.add(session);
            List<Object> all = new ArrayList<>();
            for (FactHandle h : fire(session, facts)) {
                all.add(((InternalFactHandle) h).getObject());
            }
            empty(session);
            everyFact.add(all);
            all.forEach(f -> classes.add(f.getClass()));
        }
        StringBuilder drl = new StringBuilder("package dev.authdoctor.floor;\n");
        int n = 0;
        for (Class<?> c : classes) {
            drl.append("rule \"sees ").append(c.getSimpleName()).append(' ').append(n++).append("\" when ")
                    .append(c.getName()).append("() then end\n");
        }
        perClass = kept(new KieHelper().addContent(drl.toString(), ResourceType.DRL).build());
        noRules = kept(new KieHelper().addContent("package dev.authdoctor.floor;\n", ResourceType.DRL).build());
    }

    /** A session that records every insert, ours and the rules', so it can be emptied as the pool does. */
    private KieSession kept(KieBase base) {
        KieSession session = base.newKieSession();
        List<FactHandle> list = new ArrayList<>();
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                list.add(event.getFactHandle());
            }
        });
        handles.put(session, list);
        return session;
    }

    private List<FactHandle> fire(KieSession session, List<Object> facts) {
        for (Object f : facts) {
            session.insert(f);
        }
        session.fireAllRules();
        return handles.get(session);
    }

    private int empty(KieSession session) {
        List<FactHandle> list = handles.get(session);
        int n = list.size();
        for (int i = n - 1; i >= 0; i--) {
            FactHandle h = list.get(i);
            if (((InternalFactHandle) h).isValid()) {
                session.delete(h);
            }
        }
        list.clear();
        return n;
    }

    @Benchmark
    public Object diagnose() {
        return doctor.diagnose(incidents.next());
    }

    @Benchmark
    public int rulesAlone() {
        int i = next++ % INCIDENTS;
        KieSession session = baseOf.get(i);
        fire(session, ownFacts.get(i));
        return empty(session);
    }

    @Benchmark
    public int patternPerClass() {
        fire(perClass, everyFact.get(next++ % INCIDENTS));
        return empty(perClass);
    }

    @Benchmark
    public int noRules() {
        fire(noRules, everyFact.get(next++ % INCIDENTS));
        return empty(noRules);
    }

    @Benchmark
    public Object handWrittenFloor() {
        return HandWrittenTable.decide(forHand.next());
    }
}
