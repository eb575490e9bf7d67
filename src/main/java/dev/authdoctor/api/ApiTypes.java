package dev.authdoctor.api;

import dev.authdoctor.engine.PackLint;
import dev.authdoctor.engine.ProblemDefinition;
import dev.authdoctor.engine.RuleInfo;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.engine.WhyNot;
import dev.authdoctor.text.TextMatcher;

import java.util.Comparator;
import java.util.List;

/** The engine's answers as the API's own types, so no engine or text type reaches an embedder. */
final class ApiTypes {

    private ApiTypes() {
    }

    static RuleSummary rule(RuleInfo r) {
        return new RuleSummary(r.id(), r.name(), r.row(), r.problem(), r.cause(), r.gap(), r.pack(), r.file(), r.line(), r.hasId());
    }

    static PackInfo pack(RulePack p) {
        List<PackInfo.Problem> problems = p.problems().values().stream()
                .sorted(Comparator.comparing(ProblemDefinition::id))
                .map(d -> new PackInfo.Problem(d.id(), d.title(), d.row(), d.refines(), d.refinesCause()))
                .toList();
        return new PackInfo(p.name(), p.version(), p.description(), p.supportContact(), p.folder(), p.sha256(), problems,
                PackLint.warnings(List.of(p)));
    }

    static WhyNotReport report(WhyNot.Report r) {
        return new WhyNotReport(r.problemId(), r.diagnosed(), r.rules().stream().map(ApiTypes::rule).toList(),
                r.text() == null ? null : text(r.text()));
    }

    private static WhyNotReport.RuleResult rule(WhyNot.RuleResult r) {
        return new WhyNotReport.RuleResult(r.ruleId(), r.row(), r.fired(), r.conditions().stream()
                .map(c -> new WhyNotReport.ConditionResult(c.condition(), WhyNotReport.Status.valueOf(c.status().name()),
                        c.detail(), c.missing() == null ? List.of() : c.missing()))
                .toList());
    }

    private static WhyNotReport.TextResult text(WhyNot.TextResult t) {
        return new WhyNotReport.TextResult(t.best() == null ? null : wording(t.best()), t.score(),
                t.thresholds() == null ? null
                        : new WhyNotReport.Thresholds(t.thresholds().confident(), t.thresholds().minimum(), t.thresholds().margin()),
                t.vetoedBy(), t.contradictedBy(),
                t.winners().stream().map(w -> new WhyNotReport.Rival(w.problemId(), w.score(), w.ahead())).toList(),
                t.firmer(), t.lines());
    }

    private static WhyNotReport.Wording wording(TextMatcher.Explanation x) {
        return new WhyNotReport.Wording(x.problemId(), x.phrase(), x.phraseLanguage(), x.productMessage(), x.where(), x.field(),
                x.language(), x.present().stream().map(t -> new WhyNotReport.Term(t.word(), t.written(), t.exact())).toList(),
                x.missing(), x.score(), x.vetoedBy(), x.exactMessageOf());
    }
}
