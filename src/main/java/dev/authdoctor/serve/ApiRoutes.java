package dev.authdoctor.serve;

import dev.authdoctor.api.CatalogEntry;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.PackInfo;
import dev.authdoctor.api.RuleSummary;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.api.WhyNotReport;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.ReadResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The JSON API, versioned under {@code /v1}. Bodies are the public contracts: incident and diagnosis schemas. */
final class ApiRoutes {

    static final String JSON = "application/json";
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final Supplier<Troubleshooter> doctor;
    private final ServiceEvents events;
    private final Limits limits;
    private final TicketRoutes tickets;
    /** The catalog runs the rules once per problem: made once per set of packs in use, not per request. */
    private final AtomicReference<Cached> catalog = new AtomicReference<>();

    private record Cached(List<String> packs, String json) {
    }

    private ApiRoutes(Supplier<Troubleshooter> doctor, ServiceEvents events, Limits limits) {
        this.doctor = doctor;
        this.events = events;
        this.limits = limits;
        this.tickets = new TicketRoutes(doctor, limits, TicketRoutes.redactionFromEnvironment());
    }

    static void register(RoutesConfig routes, Supplier<Troubleshooter> doctor, ServiceEvents events, Limits limits) {
        ApiRoutes api = new ApiRoutes(doctor, events, limits);
        routes.post("/v1/diagnoses", api::diagnose);
        routes.post("/v1/explanations", api::explain);
        routes.post("/v1/why-not/{problemId}", api::whyNot);
        new ConsultationRoutes(doctor, events, limits).register(routes);
        routes.post("/v1/tickets", api.tickets::ticket);
        routes.get("/v1/catalog", api::catalog);
        routes.get("/v1/packs", api::packs);
        routes.get("/openapi.json", ctx -> ctx.contentType(JSON).result(OpenApiDocument.json()));
    }

    /** One incident in, one diagnosis out; or JSON Lines in, JSON Lines out, streamed. */
    private void diagnose(Context ctx) throws java.io.IOException {
        String type = ctx.contentType();
        if (type != null && mediaType(type).equals(NdjsonStream.MEDIA_TYPE)) {
            new NdjsonStream(doctor.get(), events, limits).answer(ctx);
            return;
        }
        if (type == null || !mediaType(type).equals(JSON)) {
            throw ApiProblem.unsupportedMediaType(type, JSON, NdjsonStream.MEDIA_TYPE);
        }
        answer(ctx, doctor.get()::diagnose);
    }

    /** The diagnosis with, on each problem and step, the rule that concluded it and the facts that made it fire. */
    private void explain(Context ctx) {
        requireJson(ctx);
        answer(ctx, doctor.get()::explain);
    }

    /** One incident read from the body, one diagnosis answered. */
    private void answer(Context ctx, java.util.function.Function<Incident, Diagnosis> how) {
        Diagnosis d = how.apply(incident(ctx));
        events.diagnosed(d);
        ctx.contentType(JSON).result(DiagnosisJson.toJson(d));
    }

    /** Why a problem was, or was not, diagnosed: rule by rule, condition by condition, and the ticket's words. */
    private void whyNot(Context ctx) {
        requireJson(ctx);
        String problemId = ctx.pathParam("problemId");
        Troubleshooter t = doctor.get();
        Incident incident = incident(ctx);
        WhyNotReport report;
        try {
            report = t.whyNot(problemId, incident);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound(e.getMessage()); // the command line's words: "no rule pack knows the problem ..."
        }
        ctx.contentType(JSON).result(MAPPER.writeValueAsString(report));
    }

    /** The problems the packs in use declare, in the seed table's form (as {@code authdoctor catalog --format json}). */
    private void catalog(Context ctx) {
        Troubleshooter t = doctor.get();
        List<String> key = t.packs().stream().map(p -> p.name() + " " + p.version() + " " + p.sha256()).toList();
        Cached c = catalog.get();
        if (c == null || !c.packs().equals(key)) {
            c = new Cached(key, catalogJson(t));
            catalog.set(c);
        }
        ctx.contentType(JSON).result(c.json());
    }

    private static String catalogJson(Troubleshooter t) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode packs = root.putArray("rulePacks");
        t.rulePacks().forEach(packs::add);
        root.put("supportContact", t.supportContact());
        ArrayNode problems = root.putArray("problems");
        for (CatalogEntry e : t.catalog()) {
            ObjectNode p = problems.addObject();
            p.put("problemId", e.problemId());
            p.put("title", e.title());
            if (e.row() == null) {
                p.putNull("row");
            } else {
                p.put("row", e.row());
            }
            p.put("pack", e.pack());
            strings(p.putArray("causes"), e.causes());
            ArrayNode steps = p.putArray("steps");
            for (Diagnosis.Step s : e.steps()) {
                steps.addObject().put("order", s.order()).put("id", s.id()).put("actor", s.actor().name()).put("text", s.text())
                        .put("problemId", s.problemId());
            }
            if (e.escalation() == null) {
                p.putNull("escalation");
            } else {
                ObjectNode x = p.putObject("escalation").put("contact", e.escalation().contact())
                        .put("condition", e.escalation().condition().name());
                if (e.escalation().reason() != null) {
                    x.put("reason", e.escalation().reason());
                }
            }
            strings(p.putArray("rules"), e.rules());
            strings(p.putArray("gaps"), e.gaps());
        }
        return root.toString();
    }

    /**
     * The packs in use, in load order, with the hash {@code authdoctor hash} prints and {@code --rules DIR@SHA256} pins.
     * Where a pack was read from stays on the server: it says nothing a client can use.
     */
    private void packs(Context ctx) {
        Troubleshooter t = doctor.get();
        Map<String, Long> rules = t.rules().stream().collect(Collectors.groupingBy(RuleSummary::pack, Collectors.counting()));
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode packs = root.putArray("packs");
        for (PackInfo p : t.packs()) {
            ObjectNode o = packs.addObject();
            o.put("name", p.name());
            o.put("version", p.version());
            o.put("label", p.label());
            o.put("sha256", p.sha256());
            o.put("builtIn", p.folder() == null);
            o.put("description", p.description());
            o.put("supportContact", p.supportContact());
            o.put("rules", rules.getOrDefault(p.name(), 0L));
            ArrayNode problems = o.putArray("problems");
            for (PackInfo.Problem pr : p.problems()) {
                ObjectNode x = problems.addObject().put("id", pr.id()).put("title", pr.title());
                if (pr.row() == null) {
                    x.putNull("row");
                } else {
                    x.put("row", pr.row());
                }
                x.put("refines", pr.refines());
            }
            strings(o.putArray("warnings"), p.warnings());
        }
        root.put("supportContact", t.supportContact());
        ctx.contentType(JSON).result(root.toString());
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    /** The body as one incident; 413 over the body limit, 422 naming each field when it is not a valid incident. */
    private Incident incident(Context ctx) {
        return incident(new String(RequestBodies.bytes(ctx, limits.maxBodyBytes()), StandardCharsets.UTF_8), events);
    }

    static Incident incident(String json, ServiceEvents events) {
        ReadResult r = IncidentJson.read(json);
        if (r instanceof ReadResult.Rejected rejected) {
            events.rejected();
            throw ApiProblem.invalidIncident(rejected.errors());
        }
        return ((ReadResult.Accepted) r).incident();
    }

    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !mediaType(type).equals(JSON)) {
            throw ApiProblem.unsupportedMediaType(type, JSON);
        }
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
