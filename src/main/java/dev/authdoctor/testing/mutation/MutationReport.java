package dev.authdoctor.testing.mutation;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a mutation run found: every mutant's fate, the score, and the equivalence marks that matched nothing.
 *
 * @param pack       the pack's name
 * @param results    one per mutant run or marked, in file and line order
 * @param stale      marks of {@code mutation-equivalents.yaml} that match no surviving mutant (none, or only killed ones)
 * @param duplicates mutants not run because another one made the very same file
 * @param took       the wall time of the whole run
 * @param threads    how many mutants were compiled and run at once
 * @param compiled   how each mutant was compiled: only its file, or every file and why
 */
public record MutationReport(String pack, List<Result> results, List<Equivalents.Mark> stale, int duplicates, Duration took, int threads,
                             String compiled) {

    /** What became of a mutant. */
    public enum Status {
        /** A scenario failed against it: the scenarios notice this change. */
        KILLED,
        /** Every scenario passed against it: the scenarios would not notice this change. */
        SURVIVED,
        /** It did not compile or would not load (counted apart: no scenario could have run). */
        FAILED_TO_COMPILE,
        /** Survived, and marked in the pack as making no observable change, with a reason. */
        EQUIVALENT
    }

    /**
     * @param detail for a killed mutant the scenario that failed and how; for one that failed to compile the first error;
     *               for an equivalent one the pack's reason; empty for a survivor
     */
    public record Result(Mutant mutant, Status status, String detail) {
    }

    /**
     * Copies the lists, so a report never changes.
     *
     * @param pack the pack's name
     * @param results one per mutant run or marked, in file and line order
     * @param stale marks of {@code mutation-equivalents.yaml} that match no surviving mutant (none, or only killed ones)
     * @param duplicates mutants not run because another one made the very same file
     * @param took the wall time of the whole run
     * @param threads how many mutants were compiled and run at once
     * @param compiled how each mutant was compiled: only its file, or every file and why
     */
    public MutationReport {
        results = List.copyOf(results);
        stale = List.copyOf(stale);
    }

    /**
     * How many mutants had this fate.
     *
     * @param status the fate
     * @return the count
     */
    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /**
     * The mutants that compiled and were run: killed plus survived.
     *
     * @return the count of valid mutants
     */
    public long valid() {
        return count(Status.KILLED) + count(Status.SURVIVED);
    }

    /**
     * Killed over valid mutants, in percent; 100 when there is none to run.
     *
     * @return the score, from 0 to 100
     */
    public double score() {
        return valid() == 0 ? 100.0 : 100.0 * count(Status.KILLED) / valid();
    }

    /**
     * The mutants every scenario let through.
     *
     * @return the survivors, in file and line order
     */
    public List<Result> survivors() {
        return of(Status.SURVIVED);
    }

    /**
     * The mutants with this fate.
     *
     * @param status the fate
     * @return those mutants' results, in file and line order
     */
    public List<Result> of(Status status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    /**
     * The report as people read it: the survivors with file:line, rule and change, the counts, then the score.
     *
     * @return the text, lines ending in a line break
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Result r : survivors()) {
            sb.append("SURVIVED  ").append(where(r.mutant())).append('\n');
        }
        for (Result r : of(Status.FAILED_TO_COMPILE)) {
            sb.append("NO-BUILD  ").append(where(r.mutant())).append("\n          ").append(r.detail()).append('\n');
        }
        for (Result r : of(Status.EQUIVALENT)) {
            sb.append("EQUIVALENT ").append(where(r.mutant())).append("\n          ").append(r.detail()).append('\n');
        }
        for (Equivalents.Mark m : stale) {
            sb.append("STALE     ").append(Equivalents.FILE).append(", entry ").append(m.line()).append(": no surviving mutant ")
                    .append(m.rule()).append(" ").append(m.operator().label()).append(" ").append(m.change()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "mutants of %s: %d; killed %d, survived %d; failed to compile %d, equivalent %d "
                        + "(counted apart); duplicates skipped %d%n", pack, results.size(), count(Status.KILLED), count(Status.SURVIVED),
                count(Status.FAILED_TO_COMPILE), count(Status.EQUIVALENT), duplicates));
        sb.append("compiled: ").append(compiled).append('\n');
        sb.append(String.format(Locale.ROOT, "mutation score: %s%% (%d killed of %d valid) in %.1f s on %d thread%s%n", percent(score()),
                count(Status.KILLED), valid(), took.toMillis() / 1000.0, threads, threads == 1 ? "" : "s"));
        return sb.toString();
    }

    private static String where(Mutant m) {
        return m.file() + ":" + m.line() + "  " + m.rule() + "  " + m.operator().label() + ": " + m.change();
    }

    /** A score as written: one decimal, none when whole ({@code 100}, {@code 97.5}). */
    static String percent(double score) {
        double tenth = Math.floor(score * 10) / 10; // never rounded up to 100
        return tenth == Math.rint(tenth) ? Long.toString((long) tenth) : String.format(Locale.ROOT, "%.1f", tenth);
    }

    /**
     * The report as one JSON document, for CI.
     *
     * @return the JSON text
     */
    public String json() {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("pack", pack);
        root.put("mutants", results.size());
        root.put("killed", count(Status.KILLED));
        root.put("survived", count(Status.SURVIVED));
        root.put("failedToCompile", count(Status.FAILED_TO_COMPILE));
        root.put("equivalent", count(Status.EQUIVALENT));
        root.put("duplicatesSkipped", duplicates);
        root.put("valid", valid());
        root.put("score", Math.floor(score() * 10) / 10);
        root.put("seconds", took.toMillis() / 1000.0);
        root.put("threads", threads);
        root.put("compiled", compiled);
        ArrayNode all = root.putArray("results");
        for (Result r : results) {
            ObjectNode o = all.addObject();
            o.put("status", r.status().name());
            o.put("file", r.mutant().file());
            o.put("line", r.mutant().line());
            o.put("rule", r.mutant().rule());
            o.put("operator", r.mutant().operator().label());
            o.put("before", r.mutant().before());
            o.put("after", r.mutant().after());
            o.put("change", r.mutant().change());
            if (!r.detail().isEmpty()) {
                o.put("detail", r.detail());
            }
        }
        ArrayNode stale = root.putArray("staleEquivalents");
        for (Equivalents.Mark m : this.stale) {
            ObjectNode o = stale.addObject();
            o.put("entry", m.line());
            o.put("rule", m.rule());
            o.put("operator", m.operator().label());
            o.put("change", m.change());
        }
        return root.toString();
    }
}
