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

    private ApiRoutes(Supplier<Troubleshooter> doctor) {
        this.doctor = doctor;
    }

    static void register(RoutesConfig routes, Supplier<Troubleshooter> doctor) {
        ApiRoutes api = new ApiRoutes(doctor);
        routes.post("/v1/diagnoses", api::diagnose);
    }

    /** One incident in, one diagnosis out. */
    private void diagnose(Context ctx) {
        requireJson(ctx);
        Troubleshooter t = doctor.get();
        Diagnosis d = t.diagnose(incident(ctx));
        ctx.contentType(JSON).result(DiagnosisJson.toJson(d));
    }

    static dev.authdoctor.incident.Incident incident(Context ctx) {
        ReadResult r = IncidentJson.read(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        if (r instanceof ReadResult.Rejected rejected) {
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
