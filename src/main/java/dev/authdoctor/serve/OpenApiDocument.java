package dev.authdoctor.serve;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The OpenAPI 3.1 document served at {@code /openapi.json}: the hand-written {@code openapi.json} beside this class,
 * with the incident and diagnosis contracts ({@code incident.schema.json}, {@code diagnosis.schema.json}) put into its
 * components as they are, so the schemas have one source and the document never drifts from what the service checks.
 */
final class OpenApiDocument {

    private static final String DOCUMENT = "/dev/authdoctor/serve/openapi.json";
    /** Component name to the contract it is. */
    static final Map<String, String> CONTRACTS = Map.of(
            "Incident", "/dev/authdoctor/io/incident.schema.json",
            "Diagnosis", "/dev/authdoctor/io/diagnosis.schema.json");

    private OpenApiDocument() {
    }

    private static final class Loaded {
        static final String JSON = load().toString();
    }

    /** The document, as served. */
    static String json() {
        return Loaded.JSON;
    }

    static ObjectNode load() {
        JsonNode doc = read(DOCUMENT);
        ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
        for (Map.Entry<String, String> c : CONTRACTS.entrySet()) {
            ObjectNode schema = (ObjectNode) read(c.getValue());
            // A document's own $schema and $id do not belong inside a component: the component's place is its id here.
            schema.remove("$schema");
            schema.remove("$id");
            schemas.set(c.getKey(), schema);
        }
        return (ObjectNode) doc;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
