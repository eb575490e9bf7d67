package dev.authdoctor.api;

import dev.authdoctor.engine.DrlSource;
import dev.authdoctor.engine.RulePack;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs written for the names before 0.x: Drools only says that {@code User} or {@code ProblemFound} cannot be
 * resolved, so a pack that still imports {@code dev.authdoctor.model} is told where the types went.
 */
final class RenamedPackages {

    static final String OLD = "dev.authdoctor.model";
    static final String HINT = "the package " + OLD + " is gone: import dev.authdoctor.incident.* (the incident's facts),"
            + " dev.authdoctor.vocabulary.* (ProblemFound, SolutionNeeded, CauseFound, ...) and dev.authdoctor.api.Actor,"
            + " dev.authdoctor.api.EscalationCondition; User, Role, Authenticator, Device and Settings are now UserFacts,"
            + " UserRole, AuthenticatorFacts, DeviceFacts and TenantSettings";

    private RenamedPackages() {
    }

    /** The same failure, with the hint at each file and line that names the old package; unchanged when none does. */
    static RulePackException explain(RulePackException e, List<RulePack> packs) {
        List<String> hints = new ArrayList<>();
        for (RulePack pack : packs) {
            for (DrlSource source : pack.sources()) {
                int at = source.text().indexOf(OLD);
                if (at >= 0) {
                    int line = (int) source.text().substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                    hints.add(pack.name() + "/" + source.name() + ":" + line + ": " + HINT);
                }
            }
        }
        if (hints.isEmpty()) {
            return e;
        }
        List<String> problems = new ArrayList<>(hints);
        problems.addAll(e.problems());
        RulePackException explained = new RulePackException("the rules do not compile", problems);
        explained.initCause(e);
        return explained;
    }
}
