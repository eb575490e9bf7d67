package dev.authdoctor.cli;

import dev.authdoctor.api.CatalogEntry;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code authdoctor catalog}: the loaded packs, rendered back into the seed table's form. */
@Command(name = "catalog",
        header = "Renders the loaded rule packs as a table of problems, causes, steps and escalations.", mixinStandardHelpOptions = true,
        description = {"Renders the loaded rule packs as a table of problems: causes the rules can name, the solution",
                "steps with who does them, the escalation, and the wording the authors wrote where their source had a",
                "gap. For support staff to review what the rules say without reading DRL. It runs the packs' rules",
                "(each problem's plan is found by firing them): pack code runs, as in diagnose."})
final class CatalogCommand extends RulesCommand implements Callable<Integer> {

    enum Format { markdown, html, json }

    @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format = Format.markdown;

    @Override
    public Integer call() {
        Troubleshooter doctor;
        try {
            doctor = rules.troubleshooter(spec.commandLine());
        } catch (RulePackException e) {
            return PackCommands.report(spec.commandLine().getErr(), e);
        }
        List<CatalogEntry> entries = doctor.catalog();
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case markdown -> markdown(out, doctor, entries);
            case html -> html(out, doctor, entries);
            case json -> out.println(json(doctor, entries));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static void markdown(PrintWriter out, Troubleshooter doctor, List<CatalogEntry> entries) {
        out.println("# Problems the rules know");
        out.println();
        out.println("Rule packs: " + String.join(", ", doctor.rulePacks()) + ". Support contact: " + doctor.supportContact() + ".");
        for (CatalogEntry e : entries) {
            out.println();
            out.println("## " + (e.row() == null ? "" : e.row() + ". ") + e.title());
            out.println();
            out.println("`" + e.problemId() + "` (pack " + e.pack() + "; rules: " + String.join(", ", e.rules()) + ")");
            out.println();
            out.println("**Causes the rules can name:** " + (e.causes().isEmpty() ? "none beyond the problem itself" : String.join(", ", e.causes())));
            out.println();
            out.println("**Solution, when nothing more is known:**");
            out.println();
            for (Diagnosis.Step s : e.steps()) {
                out.println(s.order() + ". " + s.actor() + ": " + s.text());
            }
            out.println();
            out.println("**Escalation:** " + escalation(e.escalation()));
            for (String gap : e.gaps()) {
                out.println();
                out.println("> Reviewer's note (gap in the source): " + gap);
            }
        }
    }

    private static void html(PrintWriter out, Troubleshooter doctor, List<CatalogEntry> entries) {
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>authdoctor rule catalog</title>");
        out.println("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}table{border-collapse:collapse}"
                + "td,th{border:1px solid #d9e2ec;padding:.4rem .6rem;vertical-align:top;text-align:left}"
                + "ol{margin:0;padding-left:1.2rem}.note{color:#8a4b08}</style></head><body>");
        out.println("<h1>Problems the rules know</h1><p>Rule packs: " + esc(String.join(", ", doctor.rulePacks()))
                + ". Support contact: " + esc(doctor.supportContact()) + ".</p>");
        out.println("<table><tr><th>row</th><th>problem</th><th>causes</th><th>solution</th><th>escalation</th></tr>");
        for (CatalogEntry e : entries) {
            out.print("<tr><td>" + (e.row() == null ? "" : e.row()) + "</td><td>" + esc(e.title()) + "<br><code>" + esc(e.problemId())
                    + "</code><br><small>" + esc(e.pack()) + "</small></td><td>" + esc(String.join(", ", e.causes())) + "</td><td><ol>");
            for (Diagnosis.Step s : e.steps()) {
                out.print("<li><b>" + s.actor() + "</b>: " + esc(s.text()) + "</li>");
            }
            out.print("</ol>");
            for (String gap : e.gaps()) {
                out.print("<p class=\"note\">Gap in the source: " + esc(gap) + "</p>");
            }
            out.println("</td><td>" + esc(escalation(e.escalation())) + "</td></tr>");
        }
        out.println("</table></body></html>");
    }

    private static String json(Troubleshooter doctor, List<CatalogEntry> entries) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode packs = root.putArray("rulePacks");
        doctor.rulePacks().forEach(packs::add);
        root.put("supportContact", doctor.supportContact());
        ArrayNode problems = root.putArray("problems");
        for (CatalogEntry e : entries) {
            ObjectNode p = problems.addObject();
            p.put("id", e.problemId());
            p.put("title", e.title());
            if (e.row() != null) {
                p.put("row", e.row());
            }
            p.put("pack", e.pack());
            ArrayNode causes = p.putArray("causes");
            e.causes().forEach(causes::add);
            ArrayNode steps = p.putArray("steps");
            for (Diagnosis.Step s : e.steps()) {
                steps.addObject().put("order", s.order()).put("id", s.id()).put("actor", s.actor().name()).put("text", s.text());
            }
            if (e.escalation() == null) {
                p.putNull("escalation");
            } else {
                p.putObject("escalation").put("contact", e.escalation().contact()).put("condition", e.escalation().condition().name());
            }
            ArrayNode rules = p.putArray("rules");
            e.rules().forEach(rules::add);
            ArrayNode gaps = p.putArray("gaps");
            e.gaps().forEach(gaps::add);
        }
        return root.toPrettyString();
    }

    private static String escalation(Diagnosis.Escalation e) {
        if (e == null) {
            return "none";
        }
        String when = switch (e.condition()) {
            case IMMEDIATE -> "at once";
            case IF_PERSISTS -> "if the problem persists";
            case AFTER_SECOND_ATTEMPT -> "if it persists after the steps were done a second time";
        };
        return e.contact() + ", " + when;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
