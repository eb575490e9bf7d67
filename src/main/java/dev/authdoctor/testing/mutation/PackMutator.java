package dev.authdoctor.testing.mutation;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.engine.DrlSource;
import dev.authdoctor.engine.DrlVariants;
import dev.authdoctor.engine.PackArchive;
import dev.authdoctor.engine.PackLint;
import dev.authdoctor.engine.RuleBase;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.testing.Scenario;
import dev.authdoctor.testing.ScenarioFiles;
import dev.authdoctor.testing.ScenarioRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mutation testing for a rule pack: makes the mutants of its DRL ({@link DrlMutator}), compiles each in memory with the
 * other packs (never writing a file), runs the pack's scenarios against it with the runner {@code authdoctor test}
 * uses, and reports which mutants the scenarios noticed.
 * <p>
 * What is shared: every pack is read, and its phrases parsed, once; the text matcher is built once, from the unmutated
 * packs, and reused by every mutant (only DRL changes, never phrases); each file is parsed once. Per mutant, only the
 * file changed is compiled; every other file of every loaded pack is compiled once per thread and copied into the
 * mutant's base ({@link DrlVariants}), several mutants at once, one per thread. That path is taken only when it rebuilds
 * the unmutated packs with the same rules, in the same firing order, and every scenario's diagnosis is the same on it;
 * otherwise, or with {@link #compilingWhole()}, all the DRL is compiled again for each mutant. Each mutant is first run against the scenarios in which its rule fired, and stops at the first that
 * fails. A mutant making exactly the same file as an earlier one is not run again.
 */
public final class PackMutator {

    private final Path pack;
    private final List<Path> others = new ArrayList<>();
    private boolean builtIn = true;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean whole;
    private java.util.function.Predicate<String> files = name -> true;

    private PackMutator(Path pack) {
        this.pack = pack;
    }

    /**
     * Mutation testing for the pack in this folder, loaded after the built-in pack (unless it is the built-in pack).
     *
     * @param pack the pack's folder, with its {@code scenarios/}
     * @return the run, not started
     */
    public static PackMutator of(Path pack) {
        return new PackMutator(pack);
    }

    /**
     * Leaves the built-in pack out.
     *
     * @return this
     */
    public PackMutator withoutBuiltIn() {
        builtIn = false;
        return this;
    }

    /**
     * Loads these packs (folders or archives) too, before the pack tested, as {@code --rules} does; they are not mutated.
     *
     * @param packs the other packs, in load order
     * @return this
     */
    public PackMutator withPacks(List<Path> packs) {
        others.addAll(packs);
        return this;
    }

    /**
     * How many mutants are compiled and run at once; by default one per processor.
     *
     * @param n at least 1
     * @return this
     */
    public PackMutator threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + n);
        }
        threads = n;
        return this;
    }

    /**
     * Mutates only the pack's DRL files whose names match one of these globs ({@code row-09*}, {@code plan.drl}); the
     * scenarios still run whole. For working on one file's survivors without waiting for the rest.
     *
     * @param globs file names or globs, as {@link java.nio.file.FileSystem#getPathMatcher} reads them after {@code glob:}
     * @return this
     * @throws IllegalArgumentException when there are none, or one is not a valid glob
     */
    public PackMutator onlyFiles(List<String> globs) {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException("--files: name at least one DRL file or glob");
        }
        List<java.nio.file.PathMatcher> matchers = new ArrayList<>();
        for (String g : globs) {
            try {
                matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--files: '" + g + "' is not a file name or glob: " + e.getMessage());
            }
        }
        files = name -> matchers.stream().anyMatch(m -> m.matches(Path.of(name).getFileName()));
        return this;
    }

    /**
     * Compiles every file of every pack for each mutant, as a plain build would, rather than only the file changed: slower,
     * and what the fast path is checked against.
     *
     * @return this
     */
    public PackMutator compilingWhole() {
        whole = true;
        return this;
    }

    /**
     * Makes and runs every mutant.
     *
     * @return the report
     * @throws IOException when a scenario or the equivalents file cannot be read
     * @throws RulePackException when the packs, unmutated, do not load
     * @throws IllegalArgumentException when a scenario or equivalence mark is written wrong, or the pack has no scenarios
     * @throws IllegalStateException when a scenario fails on the unmutated pack: mutants would be killed by a broken test
     */
    public MutationReport run() throws IOException {
        long started = System.nanoTime();
        RulePack tested = RulePack.fromFolder(pack);
        List<RulePack> packs = new ArrayList<>();
        if (builtIn && !tested.name().equals(RulePack.builtIn().name())) {
            packs.add(RulePack.builtIn());
        }
        for (Path p : others) {
            packs.add(RulePack.fromSnapshot(PackArchive.snapshot(p)));
        }
        packs.removeIf(p -> p.name().equals(tested.name())); // the pack tested replaces one of its name, as loading does
        packs.add(tested);
        int at = packs.size() - 1;

        RuleBase original = RuleBase.compile(packs, false);
        List<String> lint = PackLint.check(original, RulePack.catalog().keySet());
        if (!lint.isEmpty()) {
            throw new RulePackException("the rule packs have errors", lint);
        }
        List<Scenario> scenarios = ScenarioFiles.ofPack(pack);
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("no scenarios in " + pack.resolve(RulePack.SCENARIOS) + ": nothing could kill a mutant");
        }
        ScenarioRunner.Report baseline = new ScenarioRunner().run(Troubleshooter.overRules(original), tested.name(), scenarios);
        if (baseline.failed() > 0) {
            List<String> failing = baseline.cases().stream().filter(c -> !c.passed())
                    .map(c -> c.scenario().file() + ": " + c.scenario().name() + ": " + c.failures().get(0)).toList();
            throw new IllegalStateException("the scenarios fail on the pack as it is; fix them before mutation testing:\n  "
                    + String.join("\n  ", failing));
        }
        List<Set<String>> firedIn = baseline.cases().stream().map(c -> Set.copyOf(c.diagnosis().firedRules())).toList();
        DrlVariants variants = DrlVariants.of(original);
        String whyWhole = whole ? "asked to" : variants.whyNotFast();
        if (whyWhole == null) {
            whyWhole = sameDiagnoses(baseline, variants.compile(packs), scenarios);
        }
        boolean fast = whyWhole == null;

        List<Equivalents.Mark> marks = Equivalents.of(pack);
        Set<Equivalents.Mark> used = new HashSet<>();
        List<MutationReport.Result> results = new ArrayList<>();
        List<Future<MutationReport.Result>> running = new ArrayList<>();
        int duplicates = 0;
        java.util.Queue<String> notBelieved = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "authdoctor-mutant");
            t.setDaemon(true);
            return t;
        });
        List<DrlSource> chosen = tested.sources().stream().filter(source -> files.test(source.name())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--files: no DRL file of " + pack + " matches; its files are "
                    + tested.sources().stream().map(DrlSource::name).toList());
        }
        Set<String> rulesMutated = new HashSet<>();
        try {
            for (DrlSource source : chosen) {
                Set<String> seen = new HashSet<>();
                seen.add(source.text());
                for (Mutant m : DrlMutator.mutants(source.name(), source.text())) {
                    rulesMutated.add(m.rule());
                    String mutated = m.apply(source.text());
                    if (!seen.add(mutated)) {
                        duplicates++;
                        continue;
                    }
                    List<RulePack> variant = new ArrayList<>(packs);
                    variant.set(at, withSource(tested, source.name(), mutated));
                    List<Scenario> ordered = likeliestFirst(scenarios, firedIn, m.callers());
                    running.add(pool.submit(() -> run(m, variant, variants, fast, ordered, notBelieved)));
                }
            }
            for (Future<MutationReport.Result> f : running) {
                MutationReport.Result ran = f.get();
                // Marks are keyed by rule, operator and change, not line: one may match a mutant elsewhere in the rule that
                // the scenarios kill. Marked mutants run like the others; only a survivor is taken as equivalent.
                Equivalents.Mark mark = ran.status() != MutationReport.Status.SURVIVED ? null
                        : marks.stream().filter(k -> k.matches(ran.mutant())).findFirst().orElse(null);
                if (mark != null) {
                    used.add(mark);
                }
                results.add(mark == null ? ran : new MutationReport.Result(ran.mutant(), MutationReport.Status.EQUIVALENT, mark.reason()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("mutation run interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a mutant could not be run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        results.sort(Comparator.comparing((MutationReport.Result r) -> r.mutant().file()).thenComparingInt(r -> r.mutant().line())
                .thenComparing(r -> r.mutant().edits().get(0).start()).thenComparing(r -> r.mutant().operator())
                .thenComparing(r -> r.mutant().after()));
        // a mark for a rule in a file left out of this run is not stale: its mutants were not made
        List<Equivalents.Mark> stale = marks.stream().filter(k -> !used.contains(k) && rulesMutated.contains(k.rule())).toList();
        String compiled = fast ? "only each mutant's file compiled; the others' compiled once and copied"
                : "every file compiled for each mutant (" + whyWhole + ")";
        if (!notBelieved.isEmpty()) {
            compiled += "; " + notBelieved.size() + " build(s) failed beside another and compiled alone (first: " + notBelieved.peek() + ")";
        }
        return new MutationReport(tested.name(), results, stale, duplicates, Duration.ofNanos(System.nanoTime() - started), threads, compiled);
    }

    /**
     * Null when every scenario's diagnosis over the unmutated packs put together from files compiled alone is the one over
     * the packs compiled whole, the rules fired included, in their order; else what differs.
     */
    private static String sameDiagnoses(ScenarioRunner.Report baseline, RuleBase assembled, List<Scenario> scenarios) {
        ScenarioRunner.Report again = new ScenarioRunner().run(Troubleshooter.overRules(assembled), baseline.pack(), scenarios);
        for (int i = 0; i < scenarios.size(); i++) {
            if (!again.cases().get(i).diagnosis().equals(baseline.cases().get(i).diagnosis())) {
                return "the diagnosis of " + scenarios.get(i).file() + ": " + scenarios.get(i).name()
                        + " differs when files are compiled alone";
            }
        }
        return null;
    }

    private static MutationReport.Result run(Mutant m, List<RulePack> variant, DrlVariants variants, boolean fast,
                                             List<Scenario> ordered, java.util.Queue<String> notBelieved) {
        RuleBase rules;
        BUILDS.readLock().lock();
        boolean built;
        RuleBase tried = null;
        String firstError = null;
        try {
            tried = fast ? variants.compile(variant) : variants.compileWhole(variant);
            built = true;
        } catch (RuntimeException first) {
            built = false;
            firstError = first instanceof RulePackException e && !e.problems().isEmpty() ? e.problems().get(0) : first.toString();
        } finally {
            BUILDS.readLock().unlock();
        }
        if (built) {
            rules = tried;
        } else {
            // Drools' builds, run side by side, now and then report errors in files no mutant touched ("Only a type can be
            // imported"); a failure is only believed when the same DRL fails again with no other build running.
            BUILDS.writeLock().lock();
            try {
                rules = variants.compileWhole(variant);
                notBelieved.add(firstError);
            } catch (RulePackException e) {
                String error = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0);
                return new MutationReport.Result(m, MutationReport.Status.FAILED_TO_COMPILE, error);
            } catch (RuntimeException e) {
                return new MutationReport.Result(m, MutationReport.Status.FAILED_TO_COMPILE, e.toString());
            } finally {
                BUILDS.writeLock().unlock();
            }
        }
        List<String> lint = PackLint.check(rules, RulePack.catalog().keySet());
        if (!lint.isEmpty()) {
            return new MutationReport.Result(m, MutationReport.Status.FAILED_TO_COMPILE, "refused at load: " + lint.get(0));
        }
        String failure = RUNNER.get().firstFailure(Troubleshooter.overRules(rules), ordered);
        return failure == null ? new MutationReport.Result(m, MutationReport.Status.SURVIVED, "")
                : new MutationReport.Result(m, MutationReport.Status.KILLED, failure);
    }

    /** Builds run side by side (shared); a build tried again runs alone (exclusive). */
    private static final java.util.concurrent.locks.ReentrantReadWriteLock BUILDS = new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** One runner per thread: each keeps its own incident reader. */
    private static final ThreadLocal<ScenarioRunner> RUNNER = ThreadLocal.withInitial(ScenarioRunner::new);

    private static RulePack withSource(RulePack p, String file, String text) {
        List<DrlSource> sources = p.sources().stream().map(s -> s.name().equals(file) ? new DrlSource(file, text) : s).toList();
        return new RulePack(p.name(), p.version(), p.description(), p.supportContact(), p.problems(), sources, p.folder(), p.sha256(),
                p.knowledge(), p.textSettings());
    }

    /** The scenarios in which one of these rules fired first: the likeliest to notice a change to them. */
    private static List<Scenario> likeliestFirst(List<Scenario> scenarios, List<Set<String>> firedIn, List<String> rules) {
        List<Scenario> first = new ArrayList<>();
        List<Scenario> rest = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            boolean hit = rules.stream().anyMatch(firedIn.get(i)::contains);
            (hit ? first : rest).add(scenarios.get(i));
        }
        first.addAll(rest);
        return first;
    }
}
