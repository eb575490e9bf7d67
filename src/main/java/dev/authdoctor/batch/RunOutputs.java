package dev.authdoctor.batch;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.privacy.Masker;

import java.util.List;
import java.util.Map;

/**
 * Batch's outputs made from counts, for runners of batch other than this library's own (the Spark job in
 * {@code spark/}), so that their summary.json, report.html, rejects and groups of unrecognised messages are batch's,
 * not copies that drift. Internal like the rest of this package: it may change in any release.
 */
public final class RunOutputs {

    /** Most of a rejected record's text kept in its reject, in UTF-8 bytes, as batch keeps it. */
    public static final int MAX_RAW_BYTES = Batch.MAX_RAW_BYTES;

    /** Distinct unrecognised messages batch keeps, the first ones in input order; later ones count as "others". */
    public static final int MAX_DISTINCT_MESSAGES = BatchSummary.MAX_DISTINCT_MESSAGES;

    /** The header line of diagnoses.csv, with its line break. */
    public static final String DIAGNOSES_CSV_HEADER = DiagnosisCsv.HEADER;

    private RunOutputs() {
    }

    /** A diagnosis as batch's diagnoses.csv row (cells quoted and defused), with its line break. */
    public static String diagnosisCsvRow(Diagnosis d) {
        return DiagnosisCsv.row(d);
    }

    /** Where batch cuts a reject's raw text; -1 when it fits. */
    public static int rawCut(String raw) {
        return Batch.cutAt(raw, MAX_RAW_BYTES);
    }

    /** An unrecognised message as batch's summary groups it: masked, then normalised. */
    public static String unrecognisedKey(String message) {
        return BatchSummary.normalise(Masker.typed(message));
    }

    /**
     * The counts of a run, taken from its written outputs.
     *
     * @param unrecognised       the grouped messages batch keeps: the first {@link #MAX_DISTINCT_MESSAGES} distinct
     *                           ones in input order, each with all its records
     * @param unrecognisedOthers the records whose message is not among them
     */
    public record Counts(long read, long diagnosed, long noMatch, long rejected, long escalationsDueNow,
                         long escalationsLater, Map<String, Long> problems, Map<String, Long> causes,
                         Map<String, Long> escalationConditions, Map<String, Long> unrecognised, long unrecognisedOthers,
                         Map<String, Long> recordsPerInput, long durationMillis) {
    }

    private static BatchSummary summary(Counts c) {
        BatchSummary s = new BatchSummary();
        s.read = c.read();
        s.diagnosed = c.diagnosed();
        s.noMatch = c.noMatch();
        s.rejected = c.rejected();
        s.escalationsDueNow = c.escalationsDueNow();
        s.escalationsLater = c.escalationsLater();
        s.problems.putAll(c.problems());
        s.causes.putAll(c.causes());
        s.escalationConditions.putAll(c.escalationConditions());
        s.unrecognised.putAll(c.unrecognised());
        s.unrecognisedOthers = c.unrecognisedOthers();
        s.recordsPerInput.putAll(c.recordsPerInput());
        s.durationMillis = c.durationMillis();
        return s;
    }

    /** Whether read = diagnosed + no match + rejected. */
    public static boolean reconciles(Counts c) {
        return summary(c).reconciles();
    }

    /** summary.json as batch writes it. */
    public static String summaryJson(Counts c, List<String> rulePacks, int threads) {
        return summary(c).toJson(rulePacks, threads, true).toPrettyString() + "\n";
    }

    /** report.html as batch writes it. */
    public static String report(Counts c, List<String> rulePacks, List<String> inputs) {
        return ReportPage.render(summary(c), rulePacks, inputs);
    }
}
