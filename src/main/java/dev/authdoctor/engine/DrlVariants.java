package dev.authdoctor.engine;

import dev.authdoctor.api.RulePackException;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles variants of a set of packs that differ from it in a file or two of DRL (the mutation runner's mutants),
 * compiling only the files that differ. Every other file is compiled once, alone, per thread, and Drools copies its
 * package into each variant's base (a package already in use is deep-cloned by {@code addPackages}), which costs a
 * fraction of compiling it again: for the built-in pack about a tenth.
 * <p>
 * Compiled alone, a file's rules would get a load order (Drools' tie-break between rules of equal salience) counted
 * from the start of that file; each is set to the one the rule has in the set compiled whole, so that rules fire in
 * the same order. Whether the result is exact is checked once, before any variant: the unchanged set put together
 * this way must have the same rules, each with the same salience and load order, as the set compiled whole. When it
 * does not (a file using a function or type declared in another, say), {@link #whyNotFast()} says why and every
 * variant is compiled whole.
 */
public final class DrlVariants {

    private final RuleBase original;
    private final Map<String, Integer> loadOrders;
    /** Per thread, each unchanged file compiled alone, by build path: a package is only ever cloned by its own thread. */
    private final ThreadLocal<Map<String, Alone>> alone = ThreadLocal.withInitial(HashMap::new);
    private final String whyNotFast;

    private record Alone(String text, List<InternalKnowledgePackage> packages) {
    }

    private DrlVariants(RuleBase original) {
        this.original = original;
        this.loadOrders = loadOrders(original.kieBase());
        this.whyNotFast = check();
    }

    /**
     * Variants of the packs {@code original} was compiled from (its DRL, not precompiled rules).
     *
     * @param original the packs compiled whole, from DRL
     * @return the compiler of variants, checked
     */
    public static DrlVariants of(RuleBase original) {
        if (original.isPrecompiled()) {
            throw new IllegalArgumentException("variants are compiled from DRL: compile the original with precompiledAllowed false");
        }
        return new DrlVariants(original);
    }

    /**
     * Why variants are compiled whole; null when only the files changed are compiled.
     *
     * @return the reason, or null
     */
    public String whyNotFast() {
        return whyNotFast;
    }

    /**
     * A variant of the packs: the same packs, in the same order, with the same phrases, some DRL files changed.
     *
     * @param packs the variant's packs
     * @return its rules, the text matcher shared with the original
     * @throws RulePackException when the changed DRL does not compile
     */
    public RuleBase compile(List<RulePack> packs) {
        return whyNotFast != null ? RuleBase.compileDrl(packs, original) : RuleBase.compileDrl(packs, original, this::build);
    }

    /**
     * The variant compiled whole, every file again, as {@link RuleBase#compileDrl(List, RuleBase)} does: what
     * {@link #compile} must match.
     *
     * @param packs the variant's packs
     * @return its rules
     */
    public RuleBase compileWhole(List<RulePack> packs) {
        return RuleBase.compileDrl(packs, original);
    }

    /** The files in build order (that of the compile whole), each from the copy compiled alone unless its text changed. */
    private KieBase build(Map<String, String> textOfPath, Map<String, String> displayNames) {
        Map<String, Alone> mine = alone.get();
        List<InternalKnowledgePackage> parts = new ArrayList<>();
        for (Map.Entry<String, String> file : textOfPath.entrySet()) {
            Alone kept = mine.get(file.getKey());
            if (kept == null && file.getValue().equals(originalText(file.getKey()))) {
                kept = new Alone(file.getValue(), compileAlone(file.getKey(), file.getValue(), displayNames));
                for (InternalKnowledgePackage p : kept.packages()) {
                    p.deepCloneIfAlreadyInUse(null); // takes it into use: every base then gets a copy, never this one
                }
                mine.put(file.getKey(), kept);
            }
            if (kept != null && kept.text().equals(file.getValue())) {
                parts.addAll(kept.packages());
            } else {
                parts.addAll(compileAlone(file.getKey(), file.getValue(), displayNames));
            }
        }
        return DrlCompiler.newBase(parts);
    }

    private List<InternalKnowledgePackage> compileAlone(String path, String text, Map<String, String> displayNames) {
        List<InternalKnowledgePackage> packages = DrlCompiler.packages(Map.of(path, text), displayNames);
        for (InternalKnowledgePackage p : packages) {
            for (Rule r : p.getRules()) {
                Integer order = loadOrders.get(p.getName() + "." + r.getName());
                if (order != null) {
                    ((RuleImpl) r).setLoadOrder(order);
                }
            }
        }
        return packages;
    }

    private final Map<String, String> originalTexts = new HashMap<>();

    private synchronized String originalText(String path) {
        if (originalTexts.isEmpty()) {
            List<RulePack> packs = original.packs();
            for (int i = 0; i < packs.size(); i++) {
                for (DrlSource s : packs.get(i).sources()) {
                    originalTexts.put(RuleBase.kfsPath(i, s).substring("src/main/resources/".length()), s.text());
                }
            }
        }
        return originalTexts.get(path);
    }

    /** Null when the unchanged packs, put together from files compiled alone, are the original rule for rule. */
    private String check() {
        KieBase assembled;
        try {
            assembled = RuleBase.compileDrl(original.packs(), original, this::build).kieBase();
        } catch (RulePackException e) {
            return "a file does not compile alone (" + (e.problems().isEmpty() ? e.getMessage() : e.problems().get(0)) + ")";
        } finally {
            alone.remove(); // the check's copies stay with the thread that made them; worker threads make their own
        }
        Map<String, String> want = signature(original.kieBase());
        Map<String, String> got = signature(assembled);
        if (!want.equals(got)) {
            for (Map.Entry<String, String> e : want.entrySet()) {
                if (!e.getValue().equals(got.get(e.getKey()))) {
                    return "rule " + e.getKey() + " differs when its file is compiled alone (" + e.getValue() + " / " + got.get(e.getKey()) + ")";
                }
            }
            return "the files compiled alone make rules the whole does not";
        }
        return null;
    }

    private static Map<String, Integer> loadOrders(KieBase base) {
        Map<String, Integer> orders = new HashMap<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                orders.put(p.getName() + "." + r.getName(), ((RuleImpl) r).getLoadOrder());
            }
        }
        return orders;
    }

    /** Each rule's salience, load order, agenda group and conditions, by package and name. */
    private static Map<String, String> signature(KieBase base) {
        Map<String, String> s = new TreeMap<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                RuleImpl impl = (RuleImpl) r;
                s.put(p.getName() + "." + r.getName(), "salience " + impl.getSalience() + ", load order " + impl.getLoadOrder()
                        + ", group " + impl.getAgendaGroup() + ", " + impl.getLhs());
            }
        }
        return s;
    }
}
