package dev.authdoctor.batch;

import dev.authdoctor.api.Diagnosis;

import java.util.stream.Collectors;

/**
 * One diagnosis as a CSV row, for spreadsheets: ids, causes, the escalation, and the numbered plan.
 *
 * <p>Incident ids and messages come from whoever filed the ticket, so every cell is defused as the OWASP
 * guidance on CSV injection asks: every cell is quoted, with embedded quotes doubled; a single quote goes
 * before any {@code = + - @ TAB CR} that starts the cell or starts a part a spreadsheet could split off as a
 * cell (after a {@code , ; TAB CR LF}, give or take spaces and quotes); other control characters (NUL, ...)
 * become U+FFFD, the replacement character, so none reaches a spreadsheet.
 */
final class DiagnosisCsv {

    static final String HEADER = "incidentId,outcome,problems,causes,escalationContact,escalationCondition,escalationDueNow,plan\n";

    /** Characters that make a spreadsheet read a cell as a formula, or that Excel drops before one. */
    static final String FORMULA_LEADS = "=+-@\t\r";
    /** Characters at which a spreadsheet import with another separator, or a paste, could start a new cell. */
    static final String CELL_BREAKS = ",;\t\r\n";

    private DiagnosisCsv() {
    }

    static String row(Diagnosis d) {
        Diagnosis.Escalation e = d.escalation();
        String plan = d.steps().stream().map(s -> s.order() + ". " + s.actor() + ": " + s.text()).collect(Collectors.joining(" | "));
        return String.join(",",
                cell(d.incidentId()),
                cell(d.outcome().name()),
                cell(String.join(";", d.problemIds())),
                cell(d.problems().stream().flatMap(p -> p.causes().stream()).collect(Collectors.joining(";"))),
                cell(e == null ? "" : e.contact()),
                cell(e == null ? "" : e.condition().name()),
                cell(e == null ? "" : Boolean.toString(e.now())),
                cell(plan)) + "\n";
    }

    /** A quoted, defused cell. */
    static String cell(String value) {
        if (value == null) {
            return "\"\"";
        }
        StringBuilder out = new StringBuilder(value.length() + 4).append('"');
        boolean cellStart = true; // at the start of the cell, or of a part that could become one
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\r' && c != '\n') {
                c = '\uFFFD';
            }
            if (cellStart && FORMULA_LEADS.indexOf(c) >= 0) {
                out.append('\'');
            }
            out.append(c);
            if (c == '"') {
                out.append('"');
            }
            cellStart = CELL_BREAKS.indexOf(c) >= 0 || (cellStart && (c == ' ' || c == '"' || c == '\''));
        }
        return out.append('"').toString();
    }
}
