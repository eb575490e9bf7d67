package dev.authdoctor.engine;

/**
 * A problem a pack knows: its stable id, title and, for the built-in pack, its row in the seed table.
 * {@code refines} names a problem (of any pack) that this one is a more specific case of, or is null: when
 * both are found on the same evidence, the more specific one comes first ({@code problem.ID.refines} in the
 * pack's manifest). {@code refinesCause}, when set, narrows that to the other problem found with that cause
 * alone ({@code problem.ID.refines.cause}).
 */
public record ProblemDefinition(String id, String title, Integer row, String refines, String refinesCause) {

    public ProblemDefinition(String id, String title, Integer row) {
        this(id, title, row, null, null);
    }
}
