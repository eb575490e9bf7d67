package dev.authdoctor.batch;

import dev.authdoctor.io.ColumnMap;

import java.nio.file.Path;
import java.util.List;

/**
 * What a batch run reads and where it writes.
 *
 * @param inputs         files to read in order; {@code -} is standard input
 * @param out            the folder for diagnoses, rejects, summary and report
 * @param format         forced input format, or null to go by each file's name
 * @param map            how a foreign export's columns become contract fields
 * @param threads        how many threads diagnose; at least 1
 * @param resume         continue a run that was stopped part-way in {@code out}
 * @param maxRejects     more rejected records than this fails the run; negative for no limit
 * @param supportContact where escalations go
 */
public record BatchOptions(List<String> inputs, Path out, InputFormat format, ColumnMap map, int threads,
                           boolean resume, long maxRejects, String supportContact) {

    public BatchOptions {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input is needed");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        map = map == null ? ColumnMap.NONE : map;
    }

    /** The format of one input. */
    InputFormat formatOf(String input) {
        return format != null ? format : InputFormat.fromName(input);
    }
}
