package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import tools.jackson.databind.JsonNode;

/**
 * For tests outside {@code io}: reads an already parsed incident, past the text path's parse-time limits.
 * {@link IncidentReader#read(JsonNode)} is package-private, so the public API names no JSON library type.
 */
public final class IncidentTrees {

    private IncidentTrees() {
    }

    public static ReadResult read(IncidentReader reader, JsonNode node) {
        return reader.read(node);
    }
}
