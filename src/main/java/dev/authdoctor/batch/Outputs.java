package dev.authdoctor.batch;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result files of a run, each counting the bytes written so a checkpoint can record exactly how far
 * each file got, and a resume can cut it back to that point.
 */
final class Outputs implements Closeable {

    /** One output file, appended to, its length always known. */
    static final class Output implements Closeable {
        private final OutputStream out;
        private long length;

        private Output(Path file, long resumeAt) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (resumeAt >= 0) {
                // Anything past the last checkpoint was written after it and will be written again.
                channel.truncate(resumeAt);
                channel.position(resumeAt);
                length = resumeAt;
            } else {
                channel.truncate(0);
            }
            this.out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
        }

        void write(String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            length += bytes.length;
        }

        void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    final Output diagnoses;
    final Output rejects;
    final Output csv; // null unless an input is CSV

    private Outputs(Output diagnoses, Output rejects, Output csv) {
        this.diagnoses = diagnoses;
        this.rejects = rejects;
        this.csv = csv;
    }

    /** Opens the files afresh, or, when resuming, cut back to the lengths the checkpoint recorded. */
    static Outputs open(Path dir, boolean withCsv, Checkpoint.State resumeFrom) throws IOException {
        Map<String, Long> at = resumeFrom == null ? Map.of() : resumeFrom.lengths();
        Output diagnoses = new Output(dir.resolve(Batch.DIAGNOSES), at.getOrDefault(Batch.DIAGNOSES, -1L));
        Output rejects = new Output(dir.resolve(Batch.REJECTS), at.getOrDefault(Batch.REJECTS, -1L));
        Output csv = null;
        if (withCsv) {
            long csvAt = at.getOrDefault(Batch.DIAGNOSES_CSV, -1L);
            csv = new Output(dir.resolve(Batch.DIAGNOSES_CSV), csvAt);
            if (csvAt < 0) {
                csv.write(DiagnosisCsv.HEADER);
            }
        }
        return new Outputs(diagnoses, rejects, csv);
    }

    void flush() throws IOException {
        diagnoses.flush();
        rejects.flush();
        if (csv != null) {
            csv.flush();
        }
    }

    /** Flushes, then gives each file's length: what a checkpoint records. */
    Map<String, Long> lengths() throws IOException {
        flush();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(Batch.DIAGNOSES, diagnoses.length);
        m.put(Batch.REJECTS, rejects.length);
        if (csv != null) {
            m.put(Batch.DIAGNOSES_CSV, csv.length);
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        try (diagnoses; rejects; csv) {
            flush();
        }
    }
}
