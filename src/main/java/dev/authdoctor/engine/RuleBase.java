package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.text.Knowledge;
import dev.authdoctor.text.TextMatcher;
import dev.authdoctor.vocabulary.AccountSettings;
import dev.authdoctor.vocabulary.CauseFound;
import dev.authdoctor.vocabulary.ErrorText;
import dev.authdoctor.vocabulary.EscalationDue;
import dev.authdoctor.vocabulary.Evidence;
import dev.authdoctor.vocabulary.LikelyStep;
import dev.authdoctor.vocabulary.Organisation;
import dev.authdoctor.vocabulary.PlanStep;
import dev.authdoctor.vocabulary.ProblemFound;
import dev.authdoctor.vocabulary.TextCandidate;
import dev.authdoctor.vocabulary.TextCause;
import dev.authdoctor.vocabulary.TextRecognised;
import dev.authdoctor.vocabulary.TextSettings;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One or more rule packs compiled into a single KieBase. Built once and shared: {@link #run} takes an empty session
 * for the call alone (a pooled one, emptied after each use, when the rules allow it: {@link SessionPool}; else a fresh
 * one, disposed after), so any number of threads may call it at once.
 */
public final class RuleBase {

    /** A pack whose rules keep re-triggering each other is broken; stop it rather than spin. */
    static final int MAX_FIRINGS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);
    private static final String RESOURCES = "src/main/resources/";

    private final KieBase kieBase;
    /**
     * The same rules less those that need a text fact (TextSettings, TextCandidate or TextCause) to match; null until
     * built. Drools sets up, in every session, the memory of each rule that any inserted fact reaches, whether or not
     * the rule can ever match: the text rules join User, ErrorReport or ProblemFound, so a session for an incident with
     * no text to hear paid for them all the same, about a fifth of a batch's time. Built apart from {@link #kieBase}
     * (its own compilation: Drools shares a compiled rule between bases of one build, and removing it from one breaks
     * the other), off the caller's thread, once a run has diagnosed {@link #WITHOUT_TEXT_AFTER} incidents without
     * text: a single diagnosis never pays for it.
     */
    private volatile KieBase withoutText;
    /** Emptied sessions of {@link #kieBase} kept for the next diagnosis; null when its rules cannot be pooled. */
    private final SessionPool pool;
    /** The same for {@link #withoutText}, set with it. */
    private volatile SessionPool leanPool;
    /** Idle sessions kept per core, per base: a batch worker or a server thread each finds one. */
    static final int POOLED_PER_CORE = 2;
    /** Off only in tests, to compare pooled sessions with fresh ones. */
    private volatile boolean reuseSessions = true;
    private final java.util.function.Supplier<KieBase> independentCopy;
    private final java.util.concurrent.atomic.AtomicLong withoutTextWanted = new java.util.concurrent.atomic.AtomicLong();
    static final int WITHOUT_TEXT_AFTER = 200;
    private static final java.util.Set<Class<?>> TEXT_FACTS = java.util.Set.of(TextSettings.class, TextCandidate.class, TextCause.class);
    private static final Pattern INSERTS_TEXT = Pattern.compile("\\bnew\\s+(?:[\\w.]+\\.)?Text(?:Settings|Candidate|Cause)\\b|TextSettings\\s*\\.\\s*DEFAULTS");
    private final List<RulePack> packs;
    private final Map<String, ProblemDefinition> problems;
    private final Map<String, RuleInfo> rulesByName;
    /**
     * Rule ids by rule object, by identity: read on every insert and firing, where a hash map's equals on a rule
     * compared its name and package each time. Copied on write: a base has a fixed, small set of rules.
     */
    private volatile Map<Rule, String> idsByRule = new java.util.IdentityHashMap<>();
    private final Map<String, Rule> rulesById = new HashMap<>();

    private final boolean precompiled;
    /** Hears tickets in people's words; null when no pack teaches any. */
    private final TextMatcher matcher;
    private final TextSettings textSettings;
    /** The messages the rules themselves recognise ({@code resembles("...")}): for those the exact rule speaks, not the words. */
    private final java.util.Set<String> messagesInRules = new java.util.HashSet<>();
    private static final Pattern RESEMBLES = Pattern.compile("resembles\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    /**
     * @param independentCopy compiles the same rules again into a base that shares nothing with {@code kieBase}; null
     *                        when a pack inserts text facts itself (a session without the engine's text facts could then
     *                        still need the text rules)
     */
    private RuleBase(KieBase kieBase, java.util.function.Supplier<KieBase> independentCopy, List<RulePack> packs,
                     Map<String, ProblemDefinition> problems, Map<String, RuleInfo> rulesByName, boolean precompiled,
                     TextMatcher sharedMatcher) {
        this.precompiled = precompiled;
        this.kieBase = kieBase;
        this.independentCopy = insertsTextFacts(packs) ? null : independentCopy;
        this.packs = packs;
        this.problems = problems;
        this.rulesByName = rulesByName;
        if (sharedMatcher != null) {
            this.matcher = sharedMatcher;
        } else {
            Knowledge knowledge = Knowledge.merge(packs.stream().map(RulePack::knowledge).toList());
            // Built here, not on first use: a reload, or the first diagnosis, must not pay for analysing every phrase.
            this.matcher = knowledge.problems().isEmpty() ? null : new TextMatcher(knowledge);
        }
        this.textSettings = packs.isEmpty() ? TextSettings.DEFAULTS : packs.get(0).textSettings();
        for (RulePack pack : packs) {
            for (DrlSource source : pack.sources()) {
                Matcher m = RESEMBLES.matcher(source.text());
                while (m.find()) {
                    messagesInRules.add(m.group(1));
                }
            }
        }
        for (KiePackage kp : kieBase.getKiePackages()) {
            for (Rule r : kp.getRules()) {
                RuleInfo info = rulesByName.get(r.getPackageName() + "." + r.getName());
                rulesById.put(info == null ? r.getName() : info.id(), r);
            }
        }
        this.pool = newPool(kieBase);
    }

    private static boolean insertsTextFacts(List<RulePack> packs) {
        for (RulePack pack : packs) {
            for (DrlSource source : pack.sources()) {
                if (INSERTS_TEXT.matcher(source.text()).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code spare}, a base of its own, less every rule that cannot match without a text fact. */
    static KieBase withoutTextRules(KieBase spare) {
        List<Rule> needText = new ArrayList<>();
        for (KiePackage kp : spare.getKiePackages()) {
            for (Rule r : kp.getRules()) {
                if (needsText(r)) {
                    needText.add(r);
                }
            }
        }
        for (Rule r : needText) {
            spare.removeRule(r.getPackageName(), r.getName());
        }
        return spare;
    }

    /** Whether the rule's conditions are all required together (and) and one of them is a text fact, not negated. */
    static boolean needsText(Rule rule) {
        if (!(rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl) || !impl.getLhs().isAnd()) {
            return false;
        }
        for (org.drools.base.rule.RuleConditionElement e : impl.getLhs().getChildren()) {
            if (e instanceof org.drools.base.rule.Pattern p && p.getObjectType() instanceof org.drools.base.base.ClassObjectType t
                    && TEXT_FACTS.contains(t.getClassType())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rules were loaded precompiled (executable model) rather than compiled from DRL. */
    public boolean isPrecompiled() {
        return precompiled;
    }

    /** The rule's DRL text, from {@code rule "..."} to its {@code end}; empty when not found. */
    public String ruleText(RuleInfo rule) {
        for (RulePack pack : packs) {
            for (DrlSource s : pack.sources()) {
                if ((pack.name() + "/" + s.name()).equals(rule.file())) {
                    int at = s.text().indexOf("rule \"" + rule.name() + "\"");
                    int end = at < 0 ? -1 : s.text().indexOf("\nend", at);
                    return at < 0 ? "" : s.text().substring(at, end < 0 ? s.text().length() : end);
                }
            }
        }
        return "";
    }

    /** The conditions of the rule with this id, as compiled; empty when there is no such rule. */
    public List<RuleConditions.Condition> conditions(String ruleId) {
        Rule r = rulesById.get(ruleId);
        return r == null ? List.of() : RuleConditions.of(r);
    }

    /** Compiles the packs together. A DRL error anywhere fails the whole build, naming file and line. */
    public static RuleBase compile(List<RulePack> packs) {
        return compile(packs, true);
    }

    /**
     * As {@link #compile(List)}; with {@code precompiledAllowed} false the DRL is always compiled, which
     * explanations and why-not need: they read the conditions' text, which precompiled rules do not keep.
     */
    public static RuleBase compile(List<RulePack> packs, boolean precompiledAllowed) {
        return compile(packs, precompiledAllowed, null);
    }

    /**
     * Compiles the packs' DRL, keeping the text matcher of a base compiled from the same phrases: variants of a pack
     * whose DRL alone differs (the mutation runner's mutants) then share the analysis of every phrase.
     *
     * @param sameKnowledge a base over packs with exactly these packs' phrases
     */
    public static RuleBase compileDrl(List<RulePack> packs, RuleBase sameKnowledge) {
        return compile(packs, false, sameKnowledge.matcher, DrlCompiler::compile);
    }

    /** Makes a base of DRL files: each file's build path and text, and what to call each path in an error. */
    @FunctionalInterface
    interface DrlBuild {
        KieBase build(Map<String, String> textOfPath, Map<String, String> displayNames);
    }

    /** As {@link #compileDrl}, the DRL made into a base by {@code build} ({@link DrlVariants}: reusing files compiled before). */
    static RuleBase compileDrl(List<RulePack> packs, RuleBase sameKnowledge, DrlBuild build) {
        return compile(packs, false, sameKnowledge.matcher, build);
    }

    /** The compiled rules (for {@link DrlVariants}, which checks it rebuilds them exactly). */
    KieBase kieBase() {
        return kieBase;
    }

    private static RuleBase compile(List<RulePack> packs, boolean precompiledAllowed, TextMatcher sharedMatcher) {
        return compile(packs, precompiledAllowed, sharedMatcher, DrlCompiler::compile);
    }

    private static RuleBase compile(List<RulePack> packs, boolean precompiledAllowed, TextMatcher sharedMatcher, DrlBuild build) {
        long started = System.nanoTime();
        Map<String, String> displayNames = new HashMap<>();
        Map<String, Integer> packOfPath = new HashMap<>();
        Map<String, String> textOfPath = new HashMap<>();
        Map<String, ProblemDefinition> problems = new LinkedHashMap<>();
        for (int i = 0; i < packs.size(); i++) {
            RulePack pack = packs.get(i);
            problems.putAll(pack.problems());
            for (DrlSource source : pack.sources()) {
                // Drools wants a file's folder to match its package; the pack index keeps names apart.
                String path = kfsPath(i, source).substring(RESOURCES.length());
                displayNames.put(path, pack.name() + "/" + source.name());
                packOfPath.put(path, i);
                textOfPath.put(path, source.text());
            }
        }
        KieBase kieBase = precompiledAllowed ? precompiled(packs) : null;
        boolean fromKjar = kieBase != null;
        java.util.function.Supplier<KieBase> copy = fromKjar ? () -> precompiled(packs) : () -> fromDrl(textOfPath, displayNames);
        if (kieBase == null) {
            kieBase = build.build(textOfPath, displayNames);
        }

        Map<String, RuleInfo> rules = new HashMap<>();
        for (KiePackage kp : kieBase.getKiePackages()) {
            for (Rule r : kp.getRules()) {
                Map<String, Object> meta = r.getMetaData();
                // Found by package and name: a precompiled rule keeps no source path of its own.
                String path = locate(r, textOfPath);
                Integer packIndex = packOfPath.get(path);
                rules.put(r.getPackageName() + "." + r.getName(), new RuleInfo(
                        text(meta.get("id"), r.getName()), r.getName(),
                        text(meta.get("row"), null), text(meta.get("problem"), null), text(meta.get("cause"), null),
                        text(meta.get("gap"), null),
                        packIndex == null ? null : packs.get(packIndex).name(),
                        displayNames.getOrDefault(path, path), lineOf(textOfPath.get(path), r.getName()), meta.containsKey("id")));
            }
        }
        LOG.debug("compiled {} rules from {} pack(s) in {} ms", rules.size(), packs.size(), (System.nanoTime() - started) / 1_000_000);
        return new RuleBase(kieBase, copy, List.copyOf(packs), Collections.unmodifiableMap(problems), Collections.unmodifiableMap(rules), fromKjar,
                sharedMatcher);
    }

    /** Compiles the DRL into a base of its own. */
    private static KieBase fromDrl(Map<String, String> textOfPath, Map<String, String> displayNames) {
        return DrlCompiler.compile(textOfPath, displayNames);
    }

    /** The build path of the DRL file that declares the rule: same package, same rule name. */
    private static String locate(Rule r, Map<String, String> textOfPath) {
        for (Map.Entry<String, String> e : textOfPath.entrySet()) {
            Matcher m = PACKAGE.matcher(e.getValue());
            if (m.find() && m.group(1).equals(r.getPackageName()) && e.getValue().contains("rule \"" + r.getName() + "\"")) {
                return e.getKey();
            }
        }
        return "?";
    }

    private static int lineOf(String text, String ruleName) {
        if (text == null) {
            return 0;
        }
        int at = text.indexOf("rule \"" + ruleName + "\"");
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Where a pack's DRL file goes in the build: under its package's folder, prefixed with the pack's index. */
    static String kfsPath(int packIndex, DrlSource source) {
        return RESOURCES + packageFolder(source.text()) + "/pack" + packIndex + "-" + source.name();
    }

    /** The release id of the precompiled built-in pack: named after its content, so a stale one is never taken for it. */
    static ReleaseId precompiledReleaseId(RulePack pack) {
        return KieServices.Factory.get().newReleaseId("dev.authdoctor.precompiled", "builtin-" + pack.sha256().substring(0, 16), "1.0.0");
    }

    /**
     * The packs' precompiled rules, when every pack has some made from exactly its files (the built-in pack's
     * from the build, another's from its archive); null otherwise (a development build without the step, DRL
     * edited since, a pack folder never precompiled).
     */
    static KieBase precompiled(List<RulePack> packs) {
        List<PrecompiledRules> parts = new ArrayList<>();
        for (RulePack pack : packs) {
            PrecompiledRules p = pack.sha256() == null ? null
                    : pack.folder() == null ? builtInPrecompiled(pack) : PrecompiledRules.forPack(pack.sha256());
            if (p == null) {
                return null;
            }
            parts.add(p);
        }
        try {
            return PrecompiledRules.newBase(parts);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("precompiled rules not usable, compiling their DRL: {}", e.toString());
            return null;
        }
    }

    /** The built-in pack's kjar when the jar holds one made from exactly this DRL; read once per process. */
    private static PrecompiledRules builtInPrecompiled(RulePack pack) {
        PrecompiledRules known = PrecompiledRules.forPack(pack.sha256());
        if (known != null) {
            return known;
        }
        if (!pack.sha256().equals(PrecompiledRules.builtInHash())) {
            return null;
        }
        try (java.io.InputStream kjar = RuleBase.class.getResourceAsStream("/" + Precompile.KJAR)) {
            if (kjar == null) {
                return null;
            }
            PrecompiledRules rules = PrecompiledRules.of(kjar.readAllBytes());
            PrecompiledRules.register(pack.sha256(), rules);
            return rules;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("precompiled built-in pack not usable, compiling its DRL: {}", e.toString());
            return null;
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private static String packageFolder(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1).replace('.', '/') : "defaultpkg";
    }

    private static String text(Object value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String s = value.toString();
        // Drools keeps the quotes of @id("x") on some paths; the id is what is inside them.
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    public List<RulePack> packs() {
        return packs;
    }

    /** Every problem the packs declare, by id. */
    public Map<String, ProblemDefinition> problems() {
        return problems;
    }

    /** Every rule, in the order written: by file, then by line. */
    public List<RuleInfo> rules() {
        return rulesByName.values().stream()
                .sorted(java.util.Comparator.comparing((RuleInfo r) -> String.valueOf(r.file())).thenComparingInt(RuleInfo::line)
                        .thenComparing(RuleInfo::name))
                .toList();
    }

    /** Name and version of each pack, in load order. */
    public List<String> packLabels() {
        return packs.stream().map(RulePack::label).toList();
    }

    /** Sessions still open on this base; zero whenever no diagnosis is running. */
    public int openSessions() {
        return inUse(kieBase, pool) + (withoutText == null ? 0 : inUse(withoutText, leanPool));
    }

    /** Idle pooled sessions, of both bases. */
    public int idleSessions() {
        SessionPool lean = leanPool;
        return (pool == null ? 0 : pool.idle()) + (lean == null ? 0 : lean.idle());
    }

    private static int inUse(KieBase base, SessionPool pool) {
        return pool == null ? base.getKieSessions().size() : pool.inUse();
    }

    /** Whether plain diagnoses reuse emptied sessions: false only when a rule makes that unsafe ({@link SessionPool}). */
    public boolean reusesSessions() {
        return pool != null && reuseSessions;
    }

    /** The whole base, for tests. */
    KieBase kieBaseForTests() {
        return kieBase;
    }

    /** Turns session reuse off or back on, for tests comparing pooled sessions with fresh ones. */
    void reuseSessions(boolean on) {
        reuseSessions = on;
    }

    /** Puts the incident's facts into an empty session, fires the rules and collects what they concluded. */
    public Findings run(Incident incident, Organisation organisation) {
        return runFacts(facts(incident, organisation), null);
    }

    /** As {@link #run}, and says for each conclusion which facts made its rule fire. */
    public Findings runExplained(Incident incident, Organisation organisation) {
        return runFacts(facts(incident, organisation), incident);
    }

    /** @param explainFor the incident to explain conclusions against; null when no explanation is wanted */
    private Findings runFacts(List<Object> facts, Incident explainFor) {
        java.util.function.BiFunction<KieSession, Trace, Findings> read =
                (session, trace) -> collect(trace);
        return explainFor == null ? inPooledSession(facts, read) : inSession(facts, explainFor, read);
    }

    /**
     * Who concluded what in one session: every fact inserted, ours and the rules', in order (what the session holds,
     * less what was deleted since), with, at the same index, the rule that inserted it (null for ours) and why it
     * fired (null unless explaining); and the firing order. Lists by index rather than maps by fact: hashing each
     * fact's identity cost more than the rest of reading the findings.
     */
    private static final class Trace {
        final List<org.kie.api.runtime.rule.FactHandle> inserted = new ArrayList<>();
        final List<String> insertedBy = new ArrayList<>();
        final List<List<String>> because = new ArrayList<>();
        final List<String> fired = new ArrayList<>();
        List<String> current;
    }

    /**
     * Inserts the facts into a fresh session, fires the rules (at most {@link #MAX_FIRINGS} times), reads the
     * result, and disposes the session whatever happens. Explanations and why-not take this path: they read the
     * session's matches as they fire.
     */
    private <T> T inSession(List<Object> facts, Incident explainFor, java.util.function.BiFunction<KieSession, Trace, T> read) {
        return inSession(baseFor(facts, explainFor), facts, explainFor, read);
    }

    private <T> T inSession(KieBase base, List<Object> facts, Incident explainFor, java.util.function.BiFunction<KieSession, Trace, T> read) {
        KieSession session = base.newKieSession();
        Trace trace = new Trace();
        try {
            session.addEventListener(traceInserts(() -> trace));
            if (explainFor != null) { // only when asked: it reads every match's conditions
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
                        trace.current = Explainer.because(conditions(idOf(event.getMatch().getRule())), event.getMatch(), explainFor,
                                new Explainer.TextContext(matcher, () -> List.copyOf(event.getKieRuntime().getObjects())));
                    }
                });
            }
            session.addEventListener(traceFirings(() -> trace));
            return fire(session, facts, trace, read);
        } finally {
            session.dispose();
        }
    }

    /**
     * {@link #inSession} for a plain diagnosis, in an emptied session of the base's pool when the base can be pooled
     * ({@link SessionPool}); the findings are the same, firing order included.
     */
    private <T> T inPooledSession(List<Object> facts, java.util.function.BiFunction<KieSession, Trace, T> read) {
        KieBase base = baseFor(facts, null);
        SessionPool pool = poolOf(base);
        if (pool == null) {
            return inSession(base, facts, null, read);
        }
        SessionPool.Pooled pooled = pool.take();
        Trace trace = new Trace();
        pooled.sink = trace;
        boolean failed = true;
        try {
            T result = fire(pooled.session, facts, trace, read);
            failed = false;
            return result;
        } finally {
            pool.give(pooled, failed);
        }
    }

    private <T> T fire(KieSession session, List<Object> facts, Trace trace, java.util.function.BiFunction<KieSession, Trace, T> read) {
        for (Object fact : facts) {
            session.insert(fact);
        }
        int firings = session.fireAllRules(MAX_FIRINGS);
        if (firings >= MAX_FIRINGS) {
            throw new RulePackException("the rules fired " + MAX_FIRINGS + " times for one incident and were stopped: "
                    + "a rule probably re-triggers itself (last fired: " + trace.fired.get(trace.fired.size() - 1) + ")", List.of());
        }
        return read.apply(session, trace);
    }

    /** Records which rule inserted each fact, and why when explaining, into the trace of the diagnosis running. */
    private DefaultRuleRuntimeEventListener traceInserts(java.util.function.Supplier<Trace> current) {
        return new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                Trace trace = current.get();
                trace.inserted.add(event.getFactHandle());
                boolean byRule = event.getRule() != null;
                trace.insertedBy.add(byRule ? idOf(event.getRule()) : null);
                trace.because.add(byRule ? trace.current : null);
            }
        };
    }

    /** Records the rules fired, in order, into the trace of the diagnosis running. */
    private DefaultAgendaEventListener traceFirings(java.util.function.Supplier<Trace> current) {
        return new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                current.get().fired.add(idOf(event.getMatch().getRule()));
            }
        };
    }

    /** The pool of sessions of this base (the whole one or the one without text), or null when it is not pooled. */
    private SessionPool poolOf(KieBase base) {
        if (!reuseSessions) {
            return null;
        }
        if (base == kieBase) {
            return pool;
        }
        SessionPool lean = leanPool;
        return lean != null && lean.base() == base ? lean : null;
    }

    private SessionPool newPool(KieBase base) {
        String whyNot = SessionPool.whyNotReusable(base);
        if (whyNot != null) {
            LOG.debug("a fresh session per diagnosis: {}", whyNot);
            return null;
        }
        return new SessionPool(base, p -> {
            p.session.addEventListener(traceInserts(() -> (Trace) p.sink));
            p.session.addEventListener(traceFirings(() -> (Trace) p.sink));
        }, POOLED_PER_CORE * Runtime.getRuntime().availableProcessors());
    }

    /**
     * The base without the text rules when no text fact is among the facts (those rules cannot match then, so
     * the findings and the rules fired are the same), the whole one otherwise and whenever explaining.
     */
    KieBase baseFor(List<Object> facts, Incident explainFor) { // package-private: bench/ measures Drools on it alone
        if (independentCopy == null || explainFor != null) {
            return kieBase;
        }
        for (Object fact : facts) {
            if (TEXT_FACTS.contains(fact.getClass())) {
                return kieBase;
            }
        }
        KieBase lean = withoutText;
        if (lean != null) {
            return lean;
        }
        if (withoutTextWanted.incrementAndGet() == WITHOUT_TEXT_AFTER) {
            Thread t = new Thread(this::buildWithoutText, "authdoctor-rules-without-text");
            t.setDaemon(true);
            t.start();
        }
        return kieBase;
    }

    /** Builds {@link #withoutText} (package-private: tests build it at once). */
    void buildWithoutText() {
        try {
            KieBase lean = withoutTextRules(independentCopy.get());
            leanPool = newPool(lean); // before the base is published, so its sessions are pooled from the first
            withoutText = lean;
        } catch (RuntimeException e) {
            // only an optimisation: every diagnosis keeps running on the whole base
            LOG.debug("rules without text not built; sessions keep the whole base: {}", e.toString());
        }
    }

    /** The base without the text rules, once built; null before. */
    KieBase baseWithoutText() {
        return withoutText;
    }

    /** Why a problem was, or was not, diagnosed for this incident: each recognising rule's conditions, held or not. */
    public WhyNot.Report whyNot(String problemId, Incident incident, Organisation organisation) {
        return inSession(facts(incident, organisation), null,
                (session, trace) -> WhyNot.analyse(this, problemId, incident, new ArrayList<>(session.getObjects()), trace.fired));
    }

    /**
     * What the rules say for a problem taken as found, with no other facts: its plan and escalation as the
     * pack writes them. For rendering a pack back into a table.
     */
    public Findings runFor(String problemId, Organisation organisation) {
        Incident blank = Incident.of("catalog:" + problemId);
        return runFacts(List.of(organisation, AccountSettings.of(null), blank, new ProblemFound(problemId, Evidence.SYMPTOM)), null);
    }

    private String idOf(Rule rule) {
        // Called for every insert and firing: look the rule object up first, its name only once.
        String id = idsByRule.get(rule);
        return id != null ? id : addId(rule);
    }

    private synchronized String addId(Rule rule) {
        String id = idsByRule.get(rule);
        if (id == null) {
            RuleInfo info = rulesByName.get(rule.getPackageName() + "." + rule.getName());
            id = info == null ? rule.getName() : info.id();
            Map<Rule, String> copy = new java.util.IdentityHashMap<>(idsByRule);
            copy.put(rule, id);
            idsByRule = copy;
        }
        return id;
    }

    /** The text matcher of the loaded packs; null when none declares phrases. */
    public TextMatcher textMatcher() {
        return matcher;
    }

    /**
     * The facts of an incident as the rules see them: the incident, each known part of it, and derived texts.
     * Package-private: bench/ puts the same facts through Drools alone, to measure the engine's floor.
     */
    List<Object> facts(Incident incident, Organisation organisation) {
        List<Object> facts = new ArrayList<>(16);
        facts.add(organisation);
        facts.add(AccountSettings.of(incident.settings()));
        facts.add(incident);
        addIfKnown(facts, incident.user());
        if (incident.authenticators() != null) {
            facts.addAll(incident.authenticators());
        }
        if (incident.error() != null) {
            facts.add(incident.error());
            facts.add(ErrorText.ofMessage(incident.error().message()));
        }
        if (incident.description() != null && !incident.description().isBlank()) {
            facts.add(ErrorText.ofDescription(incident.description()));
        }
        addIfKnown(facts, incident.device());
        addIfKnown(facts, incident.service());
        addIfKnown(facts, incident.activationEmail());
        addIfKnown(facts, incident.access());
        addIfKnown(facts, incident.passwordPolicy());
        addTextCandidates(facts, incident);
        return facts;
    }

    /** What the ticket's words sound like, as candidates for the rules to weigh (rules/text-recognition.drl). */
    private void addTextCandidates(List<Object> facts, Incident incident) {
        String message = incident.error() == null ? null : incident.error().message();
        String description = incident.description();
        if (matcher == null || ((message == null || message.isBlank()) && (description == null || description.isBlank()))) {
            return;
        }
        TextMatcher.Result heard = matcher.match(message, description);
        if (heard.exactMessage() != null && messagesInRules.contains(heard.exactMessage())) {
            return; // the product's own message, which a rule recognises: the fast path for exports
        }
        // Only what a rule can use: a candidate below the minimum and a cause below confident match no rule's
        // threshold, and inserting them would only cost the session the text rules (and the lean base).
        List<TextCandidate> candidates = heard.candidates().stream().filter(c -> c.score() >= textSettings.minimum()).toList();
        List<TextCause> causes = heard.causes().stream().filter(c -> c.score() >= textSettings.confident()).toList();
        if (!candidates.isEmpty() || !causes.isEmpty()) {
            facts.add(textSettings);
            facts.addAll(candidates);
            facts.addAll(causes);
        }
    }

    private static void addIfKnown(List<Object> facts, Object fact) {
        if (fact != null) {
            facts.add(fact);
        }
    }

    /**
     * The conclusions the session holds, in the order they were inserted, from the handles the trace recorded (walking
     * the session's store for them cost more than the rest of reading the findings).
     */
    private static Findings collect(Trace trace) {
        List<Findings.Attributed<ProblemFound>> problems = new ArrayList<>();
        List<Findings.Attributed<CauseFound>> causes = new ArrayList<>();
        List<Findings.Attributed<PlanStep>> steps = new ArrayList<>();
        List<Findings.Attributed<LikelyStep>> likely = new ArrayList<>();
        List<Findings.Attributed<EscalationDue>> escalations = new ArrayList<>();
        List<TextRecognised> text = new ArrayList<>();
        List<Object> seen = new ArrayList<>(); // the conclusions' handles: a few, searched by identity
        for (int i = 0; i < trace.inserted.size(); i++) {
            if (!(trace.inserted.get(i) instanceof org.drools.core.common.InternalFactHandle f) || !f.isValid()
                    || !org.drools.base.rule.EntryPointId.DEFAULT.equals(f.getEntryPointId())) {
                continue; // deleted since, or in another entry point, where KieSession.getObjects never looked either
            }
            Object o = f.getObject();
            if (!(o instanceof ProblemFound || o instanceof CauseFound || o instanceof PlanStep || o instanceof LikelyStep
                    || o instanceof EscalationDue || o instanceof TextRecognised) || toldBefore(seen, f)) {
                continue; // not a conclusion, or a handle told of twice
            }
            String rule = trace.insertedBy.get(i);
            List<String> why = trace.because.get(i) == null ? List.of() : trace.because.get(i);
            if (o instanceof ProblemFound p) {
                problems.add(new Findings.Attributed<>(p, rule, why));
            } else if (o instanceof CauseFound c) {
                causes.add(new Findings.Attributed<>(c, rule, why));
            } else if (o instanceof PlanStep s) {
                steps.add(new Findings.Attributed<>(s, rule, why));
            } else if (o instanceof LikelyStep l) {
                likely.add(new Findings.Attributed<>(l, rule, why));
            } else if (o instanceof EscalationDue e) {
                escalations.add(new Findings.Attributed<>(e, rule, why));
            } else if (o instanceof TextRecognised t) {
                text.add(t);
            }
        }
        return new Findings(problems, causes, steps, likely, escalations, List.copyOf(trace.fired), text);
    }

    private static boolean toldBefore(List<Object> seen, Object handle) {
        for (Object h : seen) {
            if (h == handle) {
                return true;
            }
        }
        seen.add(handle);
        return false;
    }
}
