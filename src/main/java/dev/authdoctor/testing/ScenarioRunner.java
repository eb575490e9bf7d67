package dev.authdoctor.testing;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.RuleSummary;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.api.WhyNotReport;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.ReadResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Runs scenarios against a troubleshooter and measures which rules of a pack they made fire. */
public final class ScenarioRunner {

    /** One case's verdict: empty {@code failures} means it passed; each failure says expected and actual. */
    public record CaseResult(Scenario scenario, List<String> failures, Diagnosis diagnosis) {
        /**
         * Whether the case passed.
         *
         * @return true when there is no failure
         */
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Every case's verdict, and the pack's rule coverage: rule ids fired in some case, and those never fired. */
    public record Report(String pack, List<CaseResult> cases, Set<String> fired, Set<String> neverFired) {
        /**
         * How many cases failed.
         *
         * @return the count of failed cases
         */
        public long failed() {
            return cases.stream().filter(c -> !c.passed()).count();
        }

        /**
         * How many cases passed.
         *
         * @return the count of passed cases
         */
        public long passed() {
            return cases.size() - failed();
        }
    }

    private final IncidentReader reader = new IncidentReader();

    /**
     * Runs the cases.
     *
     * @param pack the name of the pack whose rules the coverage is about
     * @param doctor the troubleshooter with the pack loaded
     * @param scenarios the cases to run
     * @return every case's verdict and the pack's coverage
     */
    public Report run(Troubleshooter doctor, String pack, List<Scenario> scenarios) {
        List<CaseResult> results = new ArrayList<>();
        Set<String> fired = new HashSet<>();
        for (Scenario s : scenarios) {
            ReadResult read = reader.read(s.given().toString());
            if (read instanceof ReadResult.Rejected r) {
                Diagnosis d = Diagnosis.rejected(r.incidentId(), r.errors());
                List<String> failures = new ArrayList<>(check(s.expect(), d));
                if (!"REJECTED".equals(s.expect().outcome())) {
                    failures.add(0, "given: not a valid incident: " + String.join("; ", r.errors()));
                }
                results.add(new CaseResult(s, failures, d));
                continue;
            }
            Incident incident = ((ReadResult.Accepted) read).incident();
            Diagnosis d = doctor.diagnose(incident);
            fired.addAll(d.firedRules());
            List<String> failures = new ArrayList<>(check(s.expect(), d));
            failures.addAll(checkWhyNot(s.expect(), doctor, incident));
            results.add(new CaseResult(s, failures, d));
        }
        Set<String> ofPack = new TreeSet<>();
        for (RuleSummary r : doctor.rules()) {
            if (pack.equals(r.pack())) {
                ofPack.add(r.id());
            }
        }
        Set<String> never = new TreeSet<>(ofPack);
        never.removeAll(fired);
        Set<String> firedOfPack = new TreeSet<>(ofPack);
        firedOfPack.retainAll(fired);
        return new Report(pack, results, firedOfPack, never);
    }

    /**
     * Runs the cases in the order given and stops at the first that fails, as the mutation runner needs: a mutant is
     * killed by one failing case. A diagnosis that throws (a rule looping, a consequence failing) fails its case.
     *
     * @param doctor the troubleshooter to check
     * @param scenarios the cases, most likely to fail first
     * @return the first failure, as {@code file: case: what differed}; null when every case passed
     */
    public String firstFailure(Troubleshooter doctor, List<Scenario> scenarios) {
        for (Scenario s : scenarios) {
            ReadResult read = reader.read(s.given().toString());
            Diagnosis d;
            List<String> failures;
            if (read instanceof ReadResult.Rejected r) {
                d = Diagnosis.rejected(r.incidentId(), r.errors());
                failures = check(s.expect(), d);
            } else {
                try {
                    Incident incident = ((ReadResult.Accepted) read).incident();
                    d = doctor.diagnose(incident);
                    failures = new ArrayList<>(check(s.expect(), d));
                    if (failures.isEmpty()) {
                        failures.addAll(checkWhyNot(s.expect(), doctor, incident));
                    }
                } catch (RuntimeException e) {
                    return s.file() + ": " + s.name() + ": the diagnosis failed: " + e;
                }
            }
            if (!failures.isEmpty()) {
                return s.file() + ": " + s.name() + ": " + failures.get(0);
            }
        }
        return null;
    }

    /** What why-not says of each problem the case names, against what the case expects of it. */
    static List<String> checkWhyNot(Scenario.Expectation e, Troubleshooter doctor, Incident incident) {
        List<String> failures = new ArrayList<>();
        for (Scenario.WhyNotExpectation x : e.whyNot()) {
            WhyNotReport.TextResult t = doctor.whyNot(x.problemId(), incident).text();
            String contradicted = t == null || t.contradictedBy() == null ? "" : t.contradictedBy();
            List<String> instead = t == null ? List.of() : t.winners().stream().map(WhyNotReport.Rival::problemId).toList();
            String firmer = t == null || t.firmer() == null ? "" : t.firmer();
            String at = "whyNot " + x.problemId() + ": ";
            if (x.contradictedBy() != null && (x.contradictedBy().isEmpty() ? !contradicted.isEmpty() : !contradicted.contains(x.contradictedBy()))) {
                failures.add(at + "expected " + (x.contradictedBy().isEmpty() ? "no contradiction" : "contradicted by \"" + x.contradictedBy() + "\"")
                        + " but was " + (contradicted.isEmpty() ? "none" : "\"" + contradicted + "\""));
            }
            // compared as sorted lists: in any order, but a problem listed twice is not the same as once
            if (x.tookInstead() != null && !x.tookInstead().stream().sorted().toList().equals(instead.stream().sorted().toList())) {
                failures.add(at + "expected exactly " + x.tookInstead() + " taken instead but was " + instead);
            }
            if (x.firmer() != null && !x.firmer().equals(firmer)) {
                failures.add(at + "expected " + (x.firmer().isEmpty() ? "no firmer finding" : "firmer finding " + x.firmer())
                        + " but was " + (firmer.isEmpty() ? "none" : firmer));
            }
        }
        return failures;
    }

    static List<String> check(Scenario.Expectation e, Diagnosis d) {
        List<String> failures = new ArrayList<>();
        if (e.outcome() != null && !e.outcome().equals(d.outcome().name())) {
            failures.add("outcome: expected " + e.outcome() + " but was " + d.outcome());
        }
        List<String> problems = d.problemIds();
        if (e.problems() != null && !new HashSet<>(e.problems()).equals(new HashSet<>(problems))) {
            failures.add("problems: expected exactly " + e.problems() + " but was " + problems);
        }
        if (e.problemsInclude() != null && !problems.containsAll(e.problemsInclude())) {
            failures.add("problems: expected to include " + e.problemsInclude() + " but was " + problems);
        }
        List<String> causes = d.problems().stream().flatMap(p -> p.causes().stream()).toList();
        if (e.causes() != null && !new HashSet<>(e.causes()).equals(new HashSet<>(causes))) {
            failures.add("causes: expected exactly " + e.causes() + " but was " + causes);
        }
        if (e.causesInclude() != null && !causes.containsAll(e.causesInclude())) {
            failures.add("causes: expected to include " + e.causesInclude() + " but was " + causes);
        }
        if (e.steps() != null) {
            String missing = firstMissingInOrder(e.steps(), d.steps());
            if (missing != null) {
                failures.add("steps: expected, in this order, " + e.steps() + "; \"" + missing + "\" is missing or out of order; the plan was "
                        + d.steps().stream().map(s -> s.order() + ". " + s.id()).toList());
            }
        }
        if (e.stepsExactly() != null && !exactly(e.stepsExactly(), d.steps())) {
            failures.add("steps: expected exactly, in this order, " + e.stepsExactly() + " but the plan was "
                    + d.steps().stream().map(s -> s.order() + ". " + s.id()).toList() + firstDifference(e.stepsExactly(), d.steps()));
        }
        if (e.heardInWords() != null) {
            List<String> heard = d.problems().stream().filter(p -> p.text() != null).map(Diagnosis.Problem::id).toList();
            if (!new HashSet<>(e.heardInWords()).equals(new HashSet<>(heard))) {
                failures.add("heardInWords: expected exactly " + e.heardInWords() + " found in the ticket's words alone but was " + heard);
            }
        }
        if (e.checkEscalation()) {
            Diagnosis.Escalation actual = d.escalation();
            Scenario.EscalationExpectation x = e.escalation();
            if (x == null && actual != null) {
                failures.add("escalation: expected none but was " + describe(actual));
            } else if (x != null && actual == null) {
                failures.add("escalation: expected " + describe(x) + " but was none");
            } else if (x != null && !(matches(x.contact(), actual.contact()) && matches(x.condition(), actual.condition().name())
                    && (x.now() == null || x.now() == actual.now()))) {
                failures.add("escalation: expected " + describe(x) + " but was " + describe(actual));
            }
        }
        return failures;
    }

    private static boolean matches(String expected, String actual) {
        return expected == null || expected.equals(actual);
    }

    /** The first expected step (id or exact text) not found after the previous one; null when all are in order. */
    private static String firstMissingInOrder(List<Scenario.StepExpectation> expected, Collection<Diagnosis.Step> steps) {
        List<Diagnosis.Step> plan = List.copyOf(steps);
        int at = 0;
        for (Scenario.StepExpectation want : expected) {
            while (at < plan.size() && !want.matches(plan.get(at))) {
                at++;
            }
            if (at == plan.size()) {
                return want.toString();
            }
            at++;
        }
        return null;
    }

    /** Whether the plan is exactly these steps (each named by id or exact text), in this order. */
    private static boolean exactly(List<Scenario.StepExpectation> expected, Collection<Diagnosis.Step> steps) {
        List<Diagnosis.Step> plan = List.copyOf(steps);
        if (plan.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < plan.size(); i++) {
            if (!expected.get(i).matches(plan.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Where a plan of the expected length first differs, in full: the ids may match while the actor or the text does not. */
    private static String firstDifference(List<Scenario.StepExpectation> expected, Collection<Diagnosis.Step> steps) {
        List<Diagnosis.Step> plan = List.copyOf(steps);
        if (plan.size() != expected.size()) {
            return "";
        }
        for (int i = 0; i < plan.size(); i++) {
            if (!expected.get(i).matches(plan.get(i))) {
                Diagnosis.Step s = plan.get(i);
                return "; step " + (i + 1) + ": expected " + expected.get(i) + " but was {" + s.id() + ", actor " + s.actor()
                        + ", text \"" + s.text() + "\"}";
            }
        }
        return "";
    }

    private static String describe(Diagnosis.Escalation e) {
        return "{contact: " + e.contact() + ", condition: " + e.condition() + ", now: " + e.now() + "}";
    }

    private static String describe(Scenario.EscalationExpectation e) {
        Set<String> parts = new LinkedHashSet<>();
        if (e.contact() != null) {
            parts.add("contact: " + e.contact());
        }
        if (e.condition() != null) {
            parts.add("condition: " + e.condition());
        }
        if (e.now() != null) {
            parts.add("now: " + e.now());
        }
        return "{" + String.join(", ", parts) + "}";
    }
}
