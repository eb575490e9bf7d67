package dev.authdoctor.serve;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The JSON API, versioned under {@code /v1}. Bodies are the public contracts: incident and diagnosis schemas. */
final class ApiRoutes {

    static final String JSON = "application/json";

    private final Supplier<Troubleshooter> doctor;
    private final ServiceEvents events;
    private final Limits limits;

    private ApiRoutes(Supplier<Troubleshooter> doctor, ServiceEvents events, Limits limits) {
        this.doctor = doctor;
        this.events = events;
        this.limits = limits;
    }

    static void register(RoutesConfig routes, Supplier<Troubleshooter> doctor, ServiceEvents events, Limits limits) {
        ApiRoutes api = new ApiRoutes(doctor, events, limits);
        routes.post("/v1/diagnoses", api::diagnose);
    }

    /** One incident in, one diagnosis out. */
    private void diagnose(Context ctx) {
        requireJson(ctx);
        Troubleshooter t = doctor.get();
        Diagnosis d = t.diagnose(incident(ctx));
        events.diagnosed(d);
        ctx.contentType(JSON).result(DiagnosisJson.toJson(d));
    }

    private dev.authdoctor.incident.Incident incident(Context ctx) {
        ReadResult r = IncidentJson.read(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
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
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
