package dev.authdoctor.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's report for a help-desk lead: one self-contained HTML page (inline CSS and SVG, no script, no
 * network) with the counts, a bar chart of problems, the share of escalations, the causes found and the
 * most frequent messages no rule recognised.
 */
final class ReportPage {

    private static final String BAR = "#2f6fb3";
    private static final String NOW = "#c0392b";
    private static final String LATER = "#e59c2f";
    private static final String NONE = "#9aa5b1";

    private ReportPage() {
    }

    static String render(BatchSummary s, List<String> rulePacks, List<String> inputs) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>authdoctor batch report</title>
                <style>
                body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;color:#1f2933;padding:0 1rem}
                h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d9e2ec;padding-bottom:.3rem}
                .meta{color:#52606d;font-size:.9rem}
                .cards{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1rem}
                .card{border:1px solid #d9e2ec;border-radius:8px;padding:.8rem 1.2rem;min-width:9rem}
                .card .n{font-size:1.8rem;font-weight:600}.card .l{color:#52606d;font-size:.85rem}
                table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eef2f6;vertical-align:top}
                td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
                .ok{color:#1e7d32}.bad{color:#c0392b}
                svg text{font-size:12px;fill:#1f2933}
                </style></head><body>
                """);
        h.append("<h1>authdoctor batch report</h1>\n<p class=\"meta\">Inputs: ").append(esc(String.join(", ", inputs)))
                .append(" &middot; Rules: ").append(esc(String.join(", ", rulePacks)))
                .append(String.format(Locale.ROOT, " &middot; Duration: %.1f s", s.durationMillis / 1000.0)).append("</p>\n");

        h.append("<div class=\"cards\">\n");
        card(h, "count-read", s.read, "records read");
        card(h, "count-diagnosed", s.diagnosed, "diagnosed");
        card(h, "count-no-match", s.noMatch, "no match");
        card(h, "count-rejected", s.rejected, "rejected");
        card(h, "count-due-now", s.escalationsDueNow, "escalations due now");
        h.append("</div>\n");
        h.append(s.reconciles()
                ? "<p id=\"reconciliation\" class=\"ok\">Every record is accounted for: read = diagnosed + no match + rejected.</p>\n"
                : "<p id=\"reconciliation\" class=\"bad\">Records are missing: read is not diagnosed + no match + rejected.</p>\n");

        h.append("<h2>Problems</h2>\n");
        problemChart(h, s.problems);

        h.append("<h2>Escalations</h2>\n");
        long withEscalation = s.escalationsDueNow + s.escalationsLater;
        long accepted = s.diagnosed + s.noMatch;
        escalationShare(h, s.escalationsDueNow, s.escalationsLater, Math.max(0, accepted - withEscalation));

        h.append("<h2>Causes named</h2>\n");
        counts(h, "causes", "cause", s.causes);

        h.append("<h2>Most frequent unrecognised messages</h2>\n");
        List<Map.Entry<String, Long>> top = s.topUnrecognised();
        if (top.isEmpty()) {
            h.append("<p class=\"meta\">Every error message was recognised.</p>\n");
        } else {
            h.append("<table id=\"unrecognised\"><tr><th>message (grouped; addresses, ids, numbers masked)</th><th class=\"n\">records</th></tr>\n");
            for (Map.Entry<String, Long> e : top) {
                h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(e.getValue()).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (s.unrecognisedOthers > 0) {
                h.append("<p class=\"meta\">").append(s.unrecognisedOthers).append(" more records carried messages beyond the first ")
                        .append(BatchSummary.MAX_DISTINCT_MESSAGES).append(" distinct ones.</p>\n");
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String id, long n, String label) {
        h.append("<div class=\"card\"><div class=\"n\" id=\"").append(id).append("\">").append(n)
                .append("</div><div class=\"l\">").append(label).append("</div></div>\n");
    }

    /** Horizontal bars, one per problem, longest first, scaled to the most frequent. */
    private static void problemChart(StringBuilder h, Map<String, Long> problems) {
        if (problems.isEmpty()) {
            h.append("<p class=\"meta\">No problem was recognised.</p>\n");
            return;
        }
        List<Map.Entry<String, Long>> rows = new ArrayList<>(problems.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long max = rows.get(0).getValue();
        int label = 330;
        int width = 900;
        int barArea = width - label - 70;
        int rowHeight = 26;
        h.append("<svg id=\"chart-problems\" role=\"img\" aria-label=\"records per problem\" style=\"width:100%;height:auto\" width=\"").append(width)
                .append("\" height=\"").append(rows.size() * rowHeight + 10).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(rows.size() * rowHeight + 10).append("\">\n");
        for (int i = 0; i < rows.size(); i++) {
            Map.Entry<String, Long> r = rows.get(i);
            int y = i * rowHeight + 5;
            int w = (int) Math.max(2, Math.round((double) r.getValue() / max * barArea));
            h.append("<text x=\"").append(label - 8).append("\" y=\"").append(y + 16).append("\" text-anchor=\"end\">")
                    .append(esc(r.getKey())).append("</text>");
            h.append("<rect class=\"bar\" data-problem=\"").append(esc(r.getKey())).append("\" data-count=\"").append(r.getValue())
                    .append("\" x=\"").append(label).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"").append(rowHeight - 6).append("\" fill=\"").append(BAR).append("\"/>");
            h.append("<text x=\"").append(label + w + 6).append("\" y=\"").append(y + 16).append("\">").append(r.getValue()).append("</text>\n");
        }
        h.append("</svg>\n");
    }

    /** One bar split in three: due now, not yet due, none; with the numbers beside it. */
    private static void escalationShare(StringBuilder h, long now, long later, long none) {
        long total = now + later + none;
        if (total == 0) {
            h.append("<p class=\"meta\">No record was diagnosed.</p>\n");
            return;
        }
        int width = 900;
        int x = 0;
        h.append("<svg id=\"chart-escalations\" role=\"img\" aria-label=\"escalation share\" style=\"width:100%;height:auto\" width=\"").append(width)
                .append("\" height=\"34\" viewBox=\"0 0 ").append(width).append(" 34\">\n");
        long[] values = {now, later, none};
        String[] colours = {NOW, LATER, NONE};
        String[] names = {"due-now", "not-yet-due", "none"};
        for (int i = 0; i < 3; i++) {
            int w = (int) Math.round((double) values[i] / total * width);
            if (i == 2) {
                w = width - x;
            }
            h.append("<rect class=\"share\" data-share=\"").append(names[i]).append("\" x=\"").append(x)
                    .append("\" y=\"2\" width=\"").append(w).append("\" height=\"30\" fill=\"").append(colours[i]).append("\"/>\n");
            x += w;
        }
        h.append("</svg>\n<table id=\"escalations\">");
        escalationRow(h, NOW, "escalation due now", now, total);
        escalationRow(h, LATER, "escalation, not yet due", later, total);
        escalationRow(h, NONE, "no escalation", none, total);
        h.append("</table>\n");
    }

    private static void escalationRow(StringBuilder h, String colour, String label, long n, long total) {
        h.append("<tr><td><span style=\"display:inline-block;width:.8rem;height:.8rem;background:").append(colour)
                .append("\"></span> ").append(label).append("</td><td class=\"n\">").append(n).append("</td><td class=\"n\">")
                .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * n / total)).append("</td></tr>\n");
    }

    private static void counts(StringBuilder h, String id, String what, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            h.append("<p class=\"meta\">None.</p>\n");
            return;
        }
        h.append("<table id=\"").append(id).append("\"><tr><th>").append(what).append("</th><th class=\"n\">records</th></tr>\n");
        counts.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td class=\"n\">").append(v).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
