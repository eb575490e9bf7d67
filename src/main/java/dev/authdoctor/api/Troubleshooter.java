package dev.authdoctor.api;

import dev.authdoctor.engine.PackLint;
import dev.authdoctor.engine.RuleBase;
import dev.authdoctor.engine.RuleInfo;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.vocabulary.Organisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The entry point for embedders: diagnoses incidents with the built-in rule pack and any packs added.
 *
 * <pre>{@code
 * Troubleshooter doctor = Troubleshooter.builder().supportContact("helpdesk@example.com").build();
 * Diagnosis d = doctor.diagnose(incident);
 * }</pre>
 *
 * Building compiles the rules once (about a second); keep one instance and share it. It is thread-safe:
 * every {@link #diagnose} runs in its own rule session, disposed before it returns. With
 * {@link Builder#watch(Duration)} it reloads changed pack folders: the new version is compiled off to the
 * side and swapped in at once; a diagnosis in flight finishes on the version it started with, and a
 * version that fails to compile is reported and never used. Close it to stop watching.
 */
public final class Troubleshooter implements AutoCloseable {

    /** The support address of the seed table, used unless the organisation names its own. */
    public static final String DEFAULT_SUPPORT_CONTACT = "support@entrust.com";
    private static final Logger LOG = LoggerFactory.getLogger(Troubleshooter.class);

    /** Told when a watched pack changed: the new version is in use, or it failed and the old one stays. */
    public interface ReloadListener {
        /**
         * A changed pack compiled and is now in use.
         *
         * @param rulePacks name and version of each rule pack now in use
         */
        void reloaded(List<String> rulePacks);

        /**
         * A changed pack did not load; the version before it stays in use.
         *
         * @param error what is wrong, naming file and line
         */
        void failed(RulePackException error);
    }

    /** One compiled version of the rules and all that goes with it; swapped whole on reload. */
    private record Version(RuleBase rules, PlanAssembler assembler, Organisation organisation, List<String> labels,
                           Map<Path, String> hashes) {
    }

    private final Builder config;
    private final AtomicReference<Version> current = new AtomicReference<>();
    private final ScheduledExecutorService watcher;
    private Map<Path, String> lastFailed; // guarded by reload()'s lock

    private Troubleshooter(Builder config) {
        this.config = config;
        this.current.set(load(config, snapshots(config.folders)));
        if (config.watchEvery != null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "authdoctor-pack-watcher");
                t.setDaemon(true);
                return t;
            });
            long ms = config.watchEvery.toMillis();
            watcher.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
    }

    /** Over rules compiled elsewhere: no folders to read again, nothing to watch. */
    private Troubleshooter(Version version) {
        this.config = new Builder();
        this.current.set(version);
        this.watcher = null;
    }

    /**
     * For tools that compile variants of packs in memory (the mutation runner), not for embedders (use {@link #builder()}):
     * a troubleshooter over rules already compiled and checked, escalating to the last pack's support contact, else
     * {@link #DEFAULT_SUPPORT_CONTACT}, as loading the same packs from their folders would.
     *
     * @param rules the compiled rules, checked as loading checks them ({@code PackLint})
     * @return a troubleshooter over exactly these rules
     */
    public static Troubleshooter overRules(RuleBase rules) {
        String contact = DEFAULT_SUPPORT_CONTACT;
        for (RulePack p : rules.packs()) {
            if (p.supportContact() != null) {
                contact = p.supportContact();
            }
        }
        return new Troubleshooter(new Version(rules, new PlanAssembler(rules.problems(), rules.rules()), new Organisation(contact),
                rules.packLabels(), Map.of()));
    }

    /**
     * A troubleshooter with the built-in rules and the default support contact.
     *
     * @return a troubleshooter, ready to diagnose
     */
    public static Troubleshooter create() {
        return builder().build();
    }

    /**
     * A builder for a troubleshooter with other packs, a support contact of its own, or pack watching.
     *
     * @return a new builder, with the built-in pack and the default support contact
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Diagnoses one incident. Never returns null; a valid incident that no rule recognises gives
     * {@link Diagnosis.Outcome#NO_MATCH}.
     *
     * @throws IllegalArgumentException if the incident has no id
     * @param incident the incident, checked against the contract when it was built or read
     * @return the diagnosis
     */
    public Diagnosis diagnose(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        if (incident.id() == null || incident.id().isEmpty()) {
            throw new IllegalArgumentException("incident.id is required");
        }
        Version v = current.get(); // one version for the whole diagnosis, whatever reloads meanwhile
        return v.assembler().assemble(incident.id(), v.rules().run(incident, v.organisation()), v.labels());
    }

    /**
     * Diagnoses one incident and says why: each problem and step carries the rule that concluded it, the
     * source row, and the facts that made it fire, as field paths with their values. Slower than
     * {@link #diagnose}; meant for people reading one diagnosis, not for batches.
     *
     * @param incident the incident
     * @return the diagnosis, with an explanation on each problem and step
     * @throws IllegalArgumentException if the incident has no id
     */
    public Diagnosis explain(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        if (incident.id() == null || incident.id().isEmpty()) {
            throw new IllegalArgumentException("incident.id is required");
        }
        Version v = current.get();
        return v.assembler().assemble(incident.id(), v.rules().runExplained(incident, v.organisation()), v.labels(), true);
    }

    /**
     * Why a problem was, or was not, diagnosed for an incident: for each rule that recognises it, which
     * conditions held, which did not, and which unknown facts would decide it.
     *
     * @throws IllegalArgumentException when no loaded pack knows the problem id
     * @param problemId a problem's catalog id, e.g. {@code token-not-working}
     * @param incident the incident
     * @return the report, rule by rule
     */
    public WhyNotReport whyNot(String problemId, Incident incident) {
        Version v = current.get();
        if (!v.rules().problems().containsKey(problemId)) {
            throw new IllegalArgumentException("no rule pack knows the problem " + problemId + "; known: "
                    + String.join(", ", v.rules().problems().keySet().stream().sorted().toList()));
        }
        return ApiTypes.report(v.rules().whyNot(problemId, incident, v.organisation()));
    }

    /**
     * Reads the pack folders again and, if any changed, compiles and swaps in the new version.
     *
     * @return true when a new version is now in use
     * @throws RulePackException when the changed packs do not load; the running version stays
     */
    public synchronized boolean reload() {
        Version before = current.get();
        // Read once: the version compiled, if any, is made from exactly the bytes hashed here.
        List<RulePack.Snapshot> read = snapshots(config.folders);
        Map<Path, String> now = hashes(read);
        if (now.equals(before.hashes()) || now.equals(lastFailed)) {
            return false; // unchanged, or the same broken version already reported
        }
        Version next;
        try {
            next = load(config, read);
        } catch (RulePackException e) {
            lastFailed = now;
            throw e;
        }
        current.set(next);
        LOG.info("rule packs reloaded: {}", next.labels());
        if (config.listener != null) {
            config.listener.reloaded(next.labels());
        }
        return true;
    }

    /** What the watcher read last time; a change is reloaded only once two polls in a row read the same contents. */
    private Map<Path, String> lastSeen;

    /** One look of the watcher at the pack folders (package-private: tests poll by hand). */
    void poll() {
        try {
            // An editor's save, a git checkout or a copy writes a pack's files one after another: reloading the
            // first poll that sees a change would compile, and report, a half-written version. Wait until it settles.
            Map<Path, String> seen = hashes(snapshots(config.folders));
            boolean settled = seen.equals(lastSeen);
            lastSeen = seen;
            if (!settled || seen.equals(current.get().hashes())) {
                return;
            }
            reload();
        } catch (RulePackException e) {
            LOG.warn("rule pack reload failed; the running version stays in use: {}", e.getMessage());
            if (config.listener != null) {
                config.listener.failed(e);
            }
        } catch (RuntimeException e) {
            LOG.warn("rule pack reload failed; the running version stays in use", e);
        }
    }

    /** @param read the added folders, each read once: the pins are checked against, and the rules compiled from, these */
    private static Version load(Builder config, List<RulePack.Snapshot> read) {
        List<RulePack> packs = new ArrayList<>();
        if (config.builtIn) {
            packs.add(RulePack.builtIn());
        }
        for (RulePack.Snapshot snapshot : read) {
            packs.add(RulePack.fromSnapshot(snapshot));
        }
        // A pack replaces an earlier one of the same name: `--rules rules` runs an edited built-in pack.
        for (int i = packs.size() - 1; i >= 0; i--) {
            for (int j = i - 1; j >= 0; j--) {
                if (packs.get(j).name().equals(packs.get(i).name())) {
                    packs.remove(j);
                    i--;
                }
            }
        }
        if (packs.isEmpty()) {
            throw new RulePackException("no rule pack to load: the built-in pack is off and no other was given", List.of());
        }
        List<String> refused = new ArrayList<>();
        for (RulePack p : packs) {
            String pin = p.folder() == null ? null : config.pins.get(p.folder().toAbsolutePath().normalize());
            if (pin != null && !pin.equalsIgnoreCase(p.sha256())) {
                refused.add(p.folder() + ": its contents hash to sha256 " + p.sha256() + ", not the pinned " + pin);
            }
        }
        if (!refused.isEmpty()) {
            throw new RulePackException("a rule pack does not match its pinned hash", refused);
        }
        RuleBase rules;
        try {
            rules = RuleBase.compile(packs);
        } catch (RulePackException e) {
            throw RenamedPackages.explain(e, packs);
        }
        List<String> lint = PackLint.check(rules, RulePack.catalog().keySet());
        if (!lint.isEmpty()) {
            throw new RulePackException("the rule packs have errors", lint);
        }
        String contact = config.supportContact;
        if (contact == null) {
            contact = DEFAULT_SUPPORT_CONTACT;
            for (RulePack p : packs) {
                if (p.supportContact() != null) {
                    contact = p.supportContact(); // a later pack (an organisation's) names its own help desk
                }
            }
        }
        return new Version(rules, new PlanAssembler(rules.problems(), rules.rules()), new Organisation(contact), rules.packLabels(),
                hashes(read));
    }

    private static List<RulePack.Snapshot> snapshots(List<Path> folders) {
        return folders.stream().map(dev.authdoctor.engine.PackArchive::snapshot).toList(); // a folder, or an archive (authdoctor compile)
    }

    private static Map<Path, String> hashes(List<RulePack.Snapshot> read) {
        Map<Path, String> h = new LinkedHashMap<>();
        for (RulePack.Snapshot s : read) {
            h.put(s.folder(), s.sha256());
        }
        return h;
    }

    /**
     * The support address escalations name: the one configured, else the last pack's, else {@link #DEFAULT_SUPPORT_CONTACT}.
     *
     * @return the support address in force
     */
    public String supportContact() {
        return current.get().organisation().supportContact();
    }

    /**
     * Name and version of each rule pack in use, e.g. {@code authdoctor-builtin 1.0.0}.
     *
     * @return one label per rule pack, in load order
     */
    public List<String> rulePacks() {
        return current.get().labels();
    }

    /**
     * The packs in use, in loading order (the built-in pack first, unless left out or replaced).
     *
     * @return the rule packs, in load order
     */
    public List<PackInfo> packs() {
        return current.get().rules().packs().stream().map(ApiTypes::pack).toList();
    }

    /**
     * Every rule in use, with its metadata.
     *
     * @return every rule of every pack in use
     */
    public List<RuleSummary> rules() {
        return current.get().rules().rules().stream().map(ApiTypes::rule).toList();
    }

    /**
     * The loaded packs rendered back into the table's form, one entry per declared problem, in table order
     * then by id: for support staff to review what the rules say without reading DRL.
     *
     * @return one entry per problem the packs declare
     */
    public List<CatalogEntry> catalog() {
        Version v = current.get();
        List<CatalogEntry> entries = new ArrayList<>();
        List<dev.authdoctor.engine.ProblemDefinition> problems = new ArrayList<>(v.rules().problems().values());
        problems.sort(java.util.Comparator.comparing((dev.authdoctor.engine.ProblemDefinition p) -> p.row() == null ? Integer.MAX_VALUE : p.row())
                .thenComparing(dev.authdoctor.engine.ProblemDefinition::id));
        for (dev.authdoctor.engine.ProblemDefinition p : problems) {
            Diagnosis plan = v.assembler().assemble("catalog", v.rules().runFor(p.id(), v.organisation()), v.labels());
            List<RuleInfo> rules = v.rules().rules().stream().filter(r -> p.id().equals(r.problem())).toList();
            String pack = v.rules().packs().stream().filter(k -> k.problems().containsKey(p.id())).map(RulePack::name)
                    .reduce((a, b) -> b).orElse(null);
            entries.add(new CatalogEntry(p.id(), p.title(), p.row(), pack,
                    rules.stream().map(RuleInfo::cause).filter(Objects::nonNull).distinct().toList(),
                    plan.steps(), plan.escalation(), rules.stream().map(RuleInfo::id).toList(),
                    rules.stream().map(RuleInfo::gap).filter(Objects::nonNull).toList()));
        }
        return entries;
    }

    /**
     * Rule sessions currently open; zero whenever no diagnosis is in progress. For leak checks.
     *
     * @return how many rule sessions are open now
     */
    public int openSessions() {
        return current.get().rules().openSessions();
    }

    /** Stops watching pack folders. Diagnosing still works. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    /** Configures a {@link Troubleshooter}. */
    public static final class Builder {
        private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");
        private String supportContact;
        private boolean builtIn = true;
        private final List<Path> folders = new ArrayList<>();
        private final Map<Path, String> pins = new LinkedHashMap<>();
        private Duration watchEvery;
        private ReloadListener listener;

        private Builder() {
        }

        /**
         * Where problems are escalated: the organisation's help desk instead of Entrust support.
         *
         * @param contact an address or a name; not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code contact} is null or blank
         */
        public Builder supportContact(String contact) {
            if (contact == null || contact.isBlank()) {
                throw new IllegalArgumentException("supportContact must not be blank");
            }
            this.supportContact = contact.strip();
            return this;
        }

        /**
         * Adds a rule pack folder; packs load in the order added, after the built-in one.
         *
         * @param folder the pack's folder
         * @return this builder
         */
        public Builder addPack(Path folder) {
            folders.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /**
         * Adds a rule pack folder that must hash to {@code sha256} (see {@code RulePack.hashOf}), or it is refused.
         *
         * @param folder the pack's folder
         * @param sha256 the hex SHA-256 its contents must hash to
         * @return this builder
         * @throws IllegalArgumentException when the hash is not 64 hexadecimal digits
         */
        public Builder addPinnedPack(Path folder, String sha256) {
            Objects.requireNonNull(folder, "folder");
            if (sha256 == null || !SHA256.matcher(sha256.strip()).matches()) {
                throw new IllegalArgumentException("sha256 must be the pack's SHA-256, 64 hexadecimal digits (RulePack.hashOf), not "
                        + (sha256 == null ? "null" : "\"" + sha256 + "\""));
            }
            addPack(folder);
            pins.put(folder.toAbsolutePath().normalize(), sha256.strip());
            return this;
        }

        /**
         * Leaves the built-in pack out: only the added packs run.
         *
         * @return this builder
         */
        public Builder withoutBuiltIn() {
            builtIn = false;
            return this;
        }

        /**
         * Checks the added pack folders for changes every {@code interval}, and reloads them.
         *
         * @param interval how long between two looks at the folders
         * @return this builder
         * @throws IllegalArgumentException when the interval is under a millisecond (zero or negative)
         */
        public Builder watch(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("watch interval must be at least 1 ms, not " + interval);
            }
            this.watchEvery = interval;
            return this;
        }

        /**
         * Who hears about reloads.
         *
         * @param listener told of each reload and each failed one; null for none
         * @return this builder
         */
        public Builder onReload(ReloadListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Compiles the rules.
         *
         * @throws RulePackException naming file and line when the rules do not compile or fail the checks
         *                           (rule without {@code @id}, duplicate {@code @id}, undeclared problem id,
         *                           step without actor), or when a pinned pack does not match its hash
         * @return the troubleshooter, ready to diagnose
         */
        public Troubleshooter build() {
            return new Troubleshooter(this);
        }
    }
}
