package dev.authdoctor.batch;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result files of a run. Each counts the bytes and the lines it has written, so a checkpoint can
 * record exactly how far each file got, a resume can cut it back to that point, and the run can check
 * the lines really written against its counts.
 */
final class Outputs implements Closeable {

    /** Counts records in bytes: lines, or for CSV, line breaks outside quotes (a quoted cell may hold one). */
    static final class Records {
        private final boolean csv;
        private boolean quoted;
        private long count;

        Records(boolean csv, long start) {
            this.csv = csv;
            this.count = start;
        }

        void add(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n' && !quoted) {
                    count++;
                } else if (csv && b[i] == '"') {
                    quoted = !quoted;
                }
            }
        }

        long count() {
            return count;
        }
    }

    /** One output file, appended to, its length and lines always known. */
    static final class Output implements Closeable {
        private final FileChannel channel;
        private final OutputStream out;
        private final Records records;
        private long length;
        private long synced = -1;

        private Output(Path file, long resumeAt, long linesAt, boolean csv) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // Anything past the last checkpoint was written after it and will be written again.
            channel.truncate(resumeAt);
            channel.position(resumeAt);
            length = resumeAt;
            records = new Records(csv, linesAt);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        }

        void write(String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            length += bytes.length;
            records.add(bytes, 0, bytes.length);
        }

        long lines() {
            return records.count();
        }

        void flush() throws IOException {
            out.flush();
        }

        /** Flushes and forces the bytes to the disk, so a state that points to them never outruns them. */
        void sync() throws IOException {
            out.flush();
            if (length != synced) { // a file that did not grow since needs no second force
                channel.force(true);
                synced = length;
            }
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

    /**
     * Opens the files cut back to the lengths a checkpoint recorded (0 for a fresh run), with the lines
     * that checkpoint counted, already checked by {@link #check}.
     */
    static Outputs open(Path dir, boolean withCsv, Map<String, Long> at, Map<String, Long> linesAt) throws IOException {
        Output diagnoses = new Output(dir.resolve(Batch.DIAGNOSES), at.get(Batch.DIAGNOSES), linesAt.get(Batch.DIAGNOSES), false);
        Output rejects = new Output(dir.resolve(Batch.REJECTS), at.get(Batch.REJECTS), linesAt.get(Batch.REJECTS), false);
        Output csv = null;
        if (withCsv) {
            long csvAt = at.get(Batch.DIAGNOSES_CSV);
            csv = new Output(dir.resolve(Batch.DIAGNOSES_CSV), csvAt, csvAt == 0 ? 0 : linesAt.get(Batch.DIAGNOSES_CSV), true);
            if (csvAt == 0) {
                csv.write(DiagnosisCsv.HEADER);
            }
        }
        return new Outputs(diagnoses, rejects, csv);
    }

    /**
     * Whether the files in {@code dir} hold what a state says: each at least as long as recorded, ending
     * there with a whole line, with exactly the lines expected up to that point. Null when they do; else
     * what is wrong, naming the file.
     */
    static String check(Path dir, Map<String, Long> lengths, Map<String, Long> expectedLines) throws IOException {
        for (Map.Entry<String, Long> e : lengths.entrySet()) {
            String name = e.getKey();
            long length = e.getValue();
            Path file = dir.resolve(name);
            if (!Files.exists(file)) {
                if (length == 0) {
                    continue;
                }
                return name + " is missing, but the state says " + length + " bytes of it were written";
            }
            long size = Files.size(file);
            if (size < length) {
                return name + " is " + size + " bytes long, but the state says " + length + " bytes of it were written"
                        + " (the file was cut, or the machine stopped before they reached the disk)";
            }
            Records records = new Records(Batch.DIAGNOSES_CSV.equals(name), 0);
            byte last = '\n';
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                long left = length;
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    records.add(buffer.array(), 0, n);
                    last = buffer.array()[n - 1];
                    left -= n;
                }
            }
            if (last != '\n') {
                return name + " does not end with a whole line at byte " + length + ", where the state says it does";
            }
            long expected = expectedLines.getOrDefault(name, 0L);
            if (records.count() != expected) {
                return name + " holds " + records.count() + " lines in its first " + length + " bytes, but the state counts "
                        + expected;
            }
        }
        return null;
    }

    void flush() throws IOException {
        diagnoses.flush();
        rejects.flush();
        if (csv != null) {
            csv.flush();
        }
    }

    /** Forces every file to the disk, then gives each file's length: what a checkpoint records. */
    Map<String, Long> sync() throws IOException {
        diagnoses.sync();
        rejects.sync();
        if (csv != null) {
            csv.sync();
        }
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(Batch.DIAGNOSES, diagnoses.length);
        m.put(Batch.REJECTS, rejects.length);
        if (csv != null) {
            m.put(Batch.DIAGNOSES_CSV, csv.length);
        }
        return m;
    }

    /** The lines each file holds, as written: what the run reconciles with its counts. */
    Map<String, Long> lines() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(Batch.DIAGNOSES, diagnoses.lines());
        m.put(Batch.REJECTS, rejects.lines());
        if (csv != null) {
            m.put(Batch.DIAGNOSES_CSV, csv.lines());
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
