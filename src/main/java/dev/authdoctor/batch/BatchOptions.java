package dev.authdoctor.batch;

import dev.authdoctor.io.ColumnMap;

import java.nio.file.Path;
import java.util.List;

/**
 * What a batch run reads and where it writes.
 *
 * @param inputs          files to read in order; {@code -} is standard input
 * @param out             the folder for diagnoses, rejects, summary and report
 * @param format          forced input format, or null to go by each file's name
 * @param map             how a foreign export's columns become contract fields
 * @param threads         how many threads diagnose; at least 1
 * @param resume          continue a run that was stopped part-way in {@code out}
 * @param maxRejects      the run stops as soon as more records than this are rejected; negative for no limit
 * @param supportContact  where escalations go
 * @param restart         discard the run {@code out} holds (its result files and state) and start afresh
 * @param checkpointEvery records between two checkpoints (a checkpoint is also taken every few seconds)
 */
public record BatchOptions(List<String> inputs, Path out, InputFormat format, ColumnMap map, int threads,
                           boolean resume, long maxRejects, String supportContact, boolean restart,
                           long checkpointEvery) {

    public static final long DEFAULT_CHECKPOINT_EVERY = 20_000;

    public BatchOptions {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input is needed");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, got " + checkpointEvery);
        }
        if (resume && restart) {
            throw new IllegalArgumentException("resume and restart exclude each other");
        }
        map = map == null ? ColumnMap.NONE : map;
    }

    /** A fresh run or a resume, checkpointing at the default interval. */
    public BatchOptions(List<String> inputs, Path out, InputFormat format, ColumnMap map, int threads,
                        boolean resume, long maxRejects, String supportContact) {
        this(inputs, out, format, map, threads, resume, maxRejects, supportContact, false, DEFAULT_CHECKPOINT_EVERY);
    }

    public BatchOptions withRestart(boolean restart) {
        return new BatchOptions(inputs, out, format, map, threads, resume, maxRejects, supportContact, restart, checkpointEvery);
    }

    public BatchOptions withCheckpointEvery(long records) {
        return new BatchOptions(inputs, out, format, map, threads, resume, maxRejects, supportContact, restart, records);
    }

    public BatchOptions withResume(boolean resume) {
        return new BatchOptions(inputs, out, format, map, threads, resume, maxRejects, supportContact, restart, checkpointEvery);
    }

    public BatchOptions withMaxRejects(long maxRejects) {
        return new BatchOptions(inputs, out, format, map, threads, resume, maxRejects, supportContact, restart, checkpointEvery);
    }

    /** The format of one input. */
    InputFormat formatOf(String input) {
        return format != null ? format : InputFormat.fromName(input);
    }
}
