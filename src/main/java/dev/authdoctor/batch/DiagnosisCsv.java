package dev.authdoctor.batch;

import dev.authdoctor.api.Diagnosis;

import java.util.stream.Collectors;

/** One diagnosis as a CSV row, one line each, for spreadsheets: ids, causes, the escalation, and the numbered plan. */
final class DiagnosisCsv {

    static final String HEADER = "incidentId,outcome,problems,causes,escalationContact,escalationCondition,escalationDueNow,plan\n";

    private DiagnosisCsv() {
    }

    static String row(Diagnosis d) {
        Diagnosis.Escalation e = d.escalation();
        String plan = d.steps().stream().map(s -> s.order() + ". " + s.actor() + ": " + s.text()).collect(Collectors.joining(" | "));
        return String.join(",",
                cell(d.incidentId()),
                d.outcome().name(),
                cell(String.join(";", d.problemIds())),
                cell(d.problems().stream().flatMap(p -> p.causes().stream()).collect(Collectors.joining(";"))),
                cell(e == null ? "" : e.contact()),
                e == null ? "" : e.condition().name(),
                e == null ? "" : Boolean.toString(e.now()),
                cell(plan)) + "\n";
    }

    /** RFC 4180 quoting; a leading formula character is defused so a spreadsheet shows text, not a formula. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
