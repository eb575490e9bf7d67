package dev.authdoctor.testing;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** The ticket figures as JSON: per split, the totals, per problem precision and recall, and the tickets missed. */
public final class TicketReportJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TicketReportJson() {
    }

    /**
     * The ticket reports as one JSON document, for tools that track recognition over time.
     *
     * @param pack the pack's name
     * @param reports one report per split
     * @return the JSON text
     */
    public static String write(String pack, List<TicketRunner.SplitReport> reports) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("pack", pack);
        ArrayNode splits = root.putArray("splits");
        for (TicketRunner.SplitReport r : reports) {
            ObjectNode s = splits.addObject();
            s.put("split", r.split());
            s.put("tickets", r.tickets());
            s.put("right", r.right());
            s.put("precision", round(r.precision()));
            s.put("recall", round(r.recall()));
            ArrayNode problems = s.putArray("problems");
            for (TicketRunner.Score p : r.perProblem()) {
                ObjectNode o = problems.addObject();
                o.put("problem", p.label());
                o.put("expected", p.expected());
                o.put("predicted", p.predicted());
                o.put("correct", p.correct());
                o.put("precision", round(p.precision()));
                o.put("recall", round(p.recall()));
            }
            ArrayNode missed = s.putArray("missed");
            for (TicketRunner.Outcome o : r.missed()) {
                ObjectNode m = missed.addObject();
                m.put("id", o.ticket().id());
                m.put("expect", o.ticket().expect());
                if (o.ticket().cause() != null) {
                    m.put("cause", o.ticket().cause());
                }
                m.put("got", o.got());
                ArrayNode causes = m.putArray("causes");
                o.causes().forEach(causes::add);
            }
        }
        return root.toString();
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
