package dev.authdoctor.serve;

import java.util.List;

/**
 * A request the service refuses, answered as RFC 9457 {@code application/problem+json}. {@code errors} carries the
 * same wording as the command line (each names its field, e.g. {@code user.state: "ENABLED" is not one of ...}).
 */
final class ApiProblem extends RuntimeException {

    final int status;
    final String type;
    final String title;
    final List<String> errors;

    ApiProblem(int status, String type, String title, String detail, List<String> errors) {
        super(detail, null, false, false); // a refusal, not a failure: no stack trace to fill
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** A body that is not a valid incident (422), naming each field. */
    static ApiProblem invalidIncident(List<String> errors) {
        return new ApiProblem(422, "invalid-incident", "The body is not a valid incident",
                errors.isEmpty() ? "the body is not a valid incident" : errors.get(0), errors);
    }

    /** A request the API cannot take as it is (400), e.g. a missing field of a request object. */
    static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad-request", "Bad request", detail, List.of());
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "Not found", detail, List.of());
    }

    static ApiProblem unsupportedMediaType(String got, String... wanted) {
        return new ApiProblem(415, "unsupported-media-type", "Unsupported media type",
                "Content-Type " + (got == null ? "(none)" : got) + " is not one of " + String.join(", ", wanted), List.of());
    }

    /** The rule packs are still compiling (503 with Retry-After). */
    static ApiProblem notReady() {
        return new ApiProblem(503, "not-ready", "Not ready", "the rule packs are still being compiled", List.of());
    }
}
