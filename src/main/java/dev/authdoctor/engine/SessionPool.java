package dev.authdoctor.engine;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sessions of one KieBase, emptied after each diagnosis and kept for the next one, a few per core.
 * <p>
 * Why: a fresh session sets up, lazily, the memory of every rule its facts reach; that set-up was about 40 % of a
 * diagnosis (BENCHMARKS.md). A session whose facts were all deleted keeps those memories, empty, and the next
 * incident's facts flow through them as through a fresh session's.
 * <p>
 * That holds only when deleting every fact leaves nothing behind that changes the next firing, so a base is pooled
 * only if every rule of it is {@linkplain #reusable(KieBase) safe to reuse}: each has a pattern over a fact of the
 * session at its top level (deleting that fact takes the rule's matches with it; a rule of {@code not} and
 * {@code exists} alone, or of an {@code accumulate} over nothing, keeps a match that already fired and would not
 * fire again), and none uses agenda groups, activation groups, lock-on-active or timers, whose state outlives the
 * facts. Other bases get a fresh session per diagnosis, as before.
 * <p>
 * A session that failed (a consequence threw, the firing limit was reached) or that still holds a fact is disposed,
 * never kept. Thread-safe: a session is used by one thread at a time, from {@link #take} to {@link #give}.
 */
final class SessionPool {

    /**
     * One pooled session and the listeners it was made with; they report to whatever {@code sink} the current
     * diagnosis set, so they are added once, not per diagnosis.
     */
    static final class Pooled {
        final KieSession session;
        Object sink;
        /** Every fact inserted since the session was last emptied, ours and the rules', in order. */
        final List<FactHandle> inserted = new ArrayList<>();

        Pooled(KieSession session) {
            this.session = session;
            // the pool empties the session, so the pool records what to empty: every insert, ours and the rules'
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    inserted.add(event.getFactHandle());
                }
            });
        }

        /**
         * Deletes every fact, newest first (the rules' conclusions before what they were drawn from); true when the
         * session is then empty. The handles come from the insert events: walking the session's own store for them
         * cost more than the deletes.
         */
        boolean empty() {
            sink = null;
            for (int i = inserted.size() - 1; i >= 0; i--) {
                FactHandle h = inserted.get(i);
                if (h instanceof InternalFactHandle f && f.isValid()) { // a rule may have deleted it already
                    session.getEntryPoint(f.getEntryPointName()).delete(h);
                }
            }
            inserted.clear();
            if (session.getFactCount() == 0) {
                return true;
            }
            boolean empty = true; // a fact no insert event told of: walk every entry point
            for (EntryPoint ep : session.getEntryPoints()) {
                for (FactHandle h : new ArrayList<FactHandle>(ep.<FactHandle>getFactHandles())) {
                    ep.delete(h);
                }
                empty &= ep.getFactCount() == 0;
            }
            return empty;
        }
    }

    /** The agenda group a rule is in unless it names one. */
    private static final String MAIN = "MAIN";

    private final KieBase base;
    private final Consumer<Pooled> listeners;
    private final int capacity;
    private final ConcurrentLinkedDeque<Pooled> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /**
     * @param base      the rules
     * @param listeners adds the caller's event listeners to a new session, once
     * @param capacity  the most idle sessions kept; more are disposed when given back
     */
    SessionPool(KieBase base, Consumer<Pooled> listeners, int capacity) {
        this.base = base;
        this.listeners = listeners;
        this.capacity = capacity;
    }

    /** An emptied session of the base, or a new one. */
    Pooled take() {
        Pooled p = idle.pollFirst(); // the most recently used: its memory is the likeliest still in cache
        if (p != null) {
            idleCount.decrementAndGet();
            return p;
        }
        Pooled fresh = new Pooled(base.newKieSession());
        listeners.accept(fresh);
        return fresh;
    }

    /**
     * Takes a session back after a diagnosis: emptied and kept, or disposed.
     *
     * @param p      the session
     * @param failed whether the diagnosis failed: the session's state is then unknown, and it is disposed
     */
    void give(Pooled p, boolean failed) {
        boolean keep = false;
        try {
            keep = !failed && p.empty();
        } finally {
            if (keep && idleCount.incrementAndGet() <= capacity) {
                idle.addFirst(p);
            } else {
                if (keep) {
                    idleCount.decrementAndGet();
                }
                p.session.dispose();
            }
        }
    }

    /** The rules whose sessions these are. */
    KieBase base() {
        return base;
    }

    /** Sessions kept idle now. */
    int idle() {
        return idleCount.get();
    }

    /** The base's sessions that are in use: all it has open, less the idle ones kept here. */
    int inUse() {
        return base.getKieSessions().size() - idle();
    }

    /**
     * Whether emptying a session of this base leaves it as a fresh one for every rule (see the class comment).
     *
     * @param base the rules
     * @return null when it does, else why not (the first rule that stops it, and what in it)
     */
    static String whyNotReusable(KieBase base) {
        for (KiePackage kp : base.getKiePackages()) {
            for (Rule r : kp.getRules()) {
                if (!(r instanceof RuleImpl rule)) {
                    return r.getName() + ": not a rule this engine can inspect";
                }
                if (rule.isQuery()) {
                    continue;
                }
                if (rule.getTimer() != null) {
                    return rule.getName() + ": a timer";
                }
                if (rule.isLockOnActive()) {
                    return rule.getName() + ": lock-on-active";
                }
                if (rule.getActivationGroup() != null && !rule.getActivationGroup().isEmpty()) {
                    return rule.getName() + ": an activation group";
                }
                if (rule.getAgendaGroup() != null && !MAIN.equals(rule.getAgendaGroup())) {
                    return rule.getName() + ": an agenda group";
                }
                if (!anchored(rule.getLhs())) {
                    return rule.getName() + ": no pattern over a fact of the session at its top level";
                }
            }
        }
        return null;
    }

    /** Whether every way this condition can match includes a fact of the session (a pattern with no {@code from}). */
    private static boolean anchored(RuleConditionElement e) {
        if (e instanceof Pattern p) {
            return p.getSource() == null;
        }
        if (e instanceof GroupElement g) {
            if (g.isAnd()) {
                return g.getChildren().stream().anyMatch(SessionPool::anchored);
            }
            if (g.isOr()) {
                return !g.getChildren().isEmpty() && g.getChildren().stream().allMatch(SessionPool::anchored);
            }
        }
        return false; // not, exists, eval, accumulate, from and anything else: no fact of its own to delete
    }
}
