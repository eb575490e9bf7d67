package dev.authdoctor.api;

import dev.authdoctor.engine.Findings.Attributed;
import dev.authdoctor.engine.Findings;
import dev.authdoctor.engine.ProblemDefinition;
import dev.authdoctor.vocabulary.CauseFound;
import dev.authdoctor.vocabulary.EscalationDue;
import dev.authdoctor.vocabulary.Evidence;
import dev.authdoctor.vocabulary.PlanStep;
import dev.authdoctor.vocabulary.ProblemFound;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the rules' conclusions into a {@link Diagnosis}: problems most specific first, steps merged
 * across problems (one step id, one step) and numbered 1..n, and the escalation the rules kept.
 * Every order here is total, so the same findings always give the same bytes.
 */
final class PlanAssembler {

    private final Map<String, ProblemDefinition> definitions;
    private final Map<String, String> rowsByRule = new java.util.HashMap<>();

    PlanAssembler(Map<String, ProblemDefinition> definitions, List<dev.authdoctor.engine.RuleInfo> rules) {
        this.definitions = definitions;
        rules.forEach(r -> rowsByRule.put(r.id(), r.row()));
    }

    Diagnosis assemble(String incidentId, Findings findings, List<String> rulePacks) {
        return assemble(incidentId, findings, rulePacks, false);
    }

    Diagnosis assemble(String incidentId, Findings findings, List<String> rulePacks, boolean explain) {
        Map<String, Evidence> best = best(findings);
        List<String> problemOrder = orderProblems(findings, best);
        if (problemOrder.isEmpty()) {
            return new Diagnosis(incidentId, Diagnosis.Outcome.NO_MATCH, List.of(), List.of(), null, List.of(), rulePacks,
                    findings.firedRules());
        }
        List<Diagnosis.Step> steps = orderSteps(findings, problemOrder, explain ? this : null);
        List<Diagnosis.Problem> problems = new ArrayList<>();
        for (String id : problemOrder) {
            problems.add(new Diagnosis.Problem(id, title(id), causesOf(id, findings), rulesOf(id, findings),
                    explain ? explanationsOf(id, findings) : List.of(), textOf(id, findings, best.get(id))));
        }
        return new Diagnosis(incidentId, Diagnosis.Outcome.DIAGNOSED, problems, steps, escalation(findings), List.of(), rulePacks,
                findings.firedRules());
    }

    /** The text evidence of a problem whose best evidence is the ticket's words; null otherwise. */
    private static Diagnosis.TextEvidence textOf(String id, Findings findings, Evidence best) {
        if (best != Evidence.TEXT) {
            return null;
        }
        return findings.textFor(id).map(t -> new Diagnosis.TextEvidence(t.candidate().score(), t.candidate().field(),
                t.candidate().terms(), t.candidate().language())).orElse(null);
    }

    private static double confidence(String id, Findings findings) {
        return findings.textFor(id).map(t -> t.candidate().score()).orElse(0.0);
    }

    /**
     * By the best evidence (a message, then facts or a named cause, then the ticket's words, then a bare
     * symptom), then a problem that refines another one found on evidence as good (the more specific case
     * first), then the one the ticket's words point to most confidently, then table row, then id.
     */
    private List<String> orderProblems(Findings findings, Map<String, Evidence> best) {
        if (best.size() <= 1) {
            return List.copyOf(best.keySet()); // most diagnoses: nothing to order
        }
        Set<String> refining = new HashSet<>();
        best.keySet().stream().filter(id -> refinesOneFound(id, best, findings)).forEach(refining::add);
        return best.keySet().stream()
                .sorted(Comparator.<String, Evidence>comparing(best::get)
                        .thenComparing(id -> refining.contains(id) ? 0 : 1)
                        .thenComparing(id -> -confidence(id, findings))
                        .thenComparing(id -> row(id))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private boolean refinesOneFound(String id, Map<String, Evidence> best, Findings findings) {
        ProblemDefinition d = definitions.get(id);
        if (d == null || d.refines() == null || !best.containsKey(d.refines())) {
            return false;
        }
        // "token-not-working, cause CLOCK_DRIFT" is refined; a locked user besides the drift is not, and stays first
        Set<String> causes = new HashSet<>();
        findings.causes().stream().filter(c -> c.fact().problemId().equals(d.refines())).forEach(c -> causes.add(c.fact().cause()));
        boolean cause = d.refinesCause() == null || causes.equals(Set.of(d.refinesCause()));
        return cause && best.get(d.refines()).compareTo(best.get(id)) >= 0;
    }

    private static Map<String, Evidence> best(Findings findings) {
        Map<String, Evidence> best = new LinkedHashMap<>();
        for (Attributed<ProblemFound> p : findings.problems()) {
            best.merge(p.fact().problemId(), p.fact().evidence(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        for (Attributed<CauseFound> c : findings.causes()) {
            best.computeIfPresent(c.fact().problemId(), (id, e) -> e == Evidence.SYMPTOM ? Evidence.FACTS : e);
        }
        return best;
    }

    /**
     * Hand-overs to support last; otherwise by problem order, then steps the facts point to, then the
     * table's own order. A step id already placed is not placed again.
     */
    private static List<Diagnosis.Step> orderSteps(Findings findings, List<String> problemOrder, PlanAssembler explainer) {
        Set<String> likely = new HashSet<>();
        findings.likelySteps().forEach(l -> likely.add(l.fact().stepId()));
        Comparator<PlanStep> order = Comparator
                .<PlanStep>comparingInt(s -> s.actor() == Actor.SUPPORT ? 1 : 0)
                .thenComparingInt(s -> indexOf(problemOrder, s.problemId()))
                .thenComparingInt(s -> likely.contains(s.id()) ? 0 : 1)
                .thenComparingInt(PlanStep::seq)
                .thenComparing(PlanStep::id)
                .thenComparing(PlanStep::text);
        List<Attributed<PlanStep>> sorted = new ArrayList<>(findings.steps());
        sorted.sort(Comparator.comparing(Attributed::fact, order)); // stable, as the stream's sort was
        Set<String> placed = new HashSet<>();
        List<Diagnosis.Step> steps = new ArrayList<>();
        for (Attributed<PlanStep> a : sorted) {
            PlanStep s = a.fact();
            if (placed.add(s.id())) {
                steps.add(new Diagnosis.Step(steps.size() + 1, s.id(), s.actor(), s.text(), s.problemId(),
                        explainer == null ? null : explainer.explanation(a)));
            }
        }
        return steps;
    }

    private static int indexOf(List<String> problemOrder, String problemId) {
        int i = problemOrder.indexOf(problemId);
        return i < 0 ? problemOrder.size() : i;
    }

    /** Causes in the order of the steps their rules put in the plan (the table's order for row 9). */
    private static List<String> causesOf(String problemId, Findings findings) {
        Map<String, Integer> firstSeq = null;
        for (Attributed<CauseFound> c : findings.causes()) {
            if (!c.fact().problemId().equals(problemId)) {
                continue;
            }
            int seq = Integer.MAX_VALUE;
            for (Attributed<PlanStep> s : findings.steps()) {
                if (s.ruleId() != null && s.ruleId().equals(c.ruleId())) {
                    seq = Math.min(seq, s.fact().seq());
                }
            }
            if (firstSeq == null) {
                firstSeq = new HashMap<>();
            }
            firstSeq.merge(c.fact().cause(), seq, Math::min);
        }
        if (firstSeq == null) {
            return List.of(); // most problems: no cause named
        }
        List<String> causes = new ArrayList<>(firstSeq.keySet());
        Map<String, Integer> seqs = firstSeq;
        causes.sort(Comparator.<String>comparingInt(seqs::get).thenComparing(Comparator.naturalOrder()));
        return java.util.Collections.unmodifiableList(causes);
    }

    /** The rules that recognised the problem or named one of its causes, in firing order. */
    private static List<String> rulesOf(String problemId, Findings findings) {
        // Plain loops: this runs for every problem of every diagnosis, where a stream's set-up cost more than its work.
        Set<String> mine = new HashSet<>();
        for (Attributed<ProblemFound> p : findings.problems()) {
            if (p.fact().problemId().equals(problemId)) {
                mine.add(p.ruleId());
            }
        }
        for (Attributed<CauseFound> c : findings.causes()) {
            if (c.fact().problemId().equals(problemId)) {
                mine.add(c.ruleId());
            }
        }
        List<String> ordered = new ArrayList<>(mine.size());
        for (String fired : findings.firedRules()) {
            if (mine.contains(fired) && !ordered.contains(fired)) {
                ordered.add(fired);
            }
        }
        return List.copyOf(ordered);
    }

    private Diagnosis.Explanation explanation(Attributed<?> a) {
        return new Diagnosis.Explanation(a.ruleId(), rowsByRule.get(a.ruleId()), a.because());
    }

    /** The rules that recognised the problem and named its causes, each with the facts that made it fire. */
    private List<Diagnosis.Explanation> explanationsOf(String problemId, Findings findings) {
        List<Diagnosis.Explanation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Attributed<ProblemFound> p : findings.problems()) {
            if (p.fact().problemId().equals(problemId) && seen.add(p.ruleId())) {
                out.add(explanation(p));
            }
        }
        for (Attributed<CauseFound> c : findings.causes()) {
            if (c.fact().problemId().equals(problemId) && seen.add(c.ruleId())) {
                out.add(explanation(c));
            }
        }
        out.sort(Comparator.comparing(Diagnosis.Explanation::rule));
        return out;
    }

    private static Diagnosis.Escalation escalation(Findings findings) {
        EscalationDue kept = null;
        for (Attributed<EscalationDue> a : findings.escalations()) {
            if (kept == null || ESCALATION_ORDER.compare(a.fact(), kept) < 0) {
                kept = a.fact();
            }
        }
        return kept == null ? null : new Diagnosis.Escalation(kept.contact(), kept.condition(), kept.now(), kept.reason());
    }

    /** The most urgent first, then by problem and contact, so the escalation kept never depends on firing order. */
    private static final Comparator<EscalationDue> ESCALATION_ORDER = Comparator.comparingInt(EscalationDue::urgency)
            .thenComparing(EscalationDue::problemId)
            .thenComparing(EscalationDue::contact);

    private String title(String problemId) {
        ProblemDefinition d = definitions.get(problemId);
        return d == null ? problemId : d.title();
    }

    private int row(String problemId) {
        ProblemDefinition d = definitions.get(problemId);
        return d == null || d.row() == null ? Integer.MAX_VALUE : d.row();
    }
}
