package dev.authdoctor.batch;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.io.CsvSource;
import dev.authdoctor.io.DiagnosisJson;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.io.ReadResult;
import dev.authdoctor.io.RecordSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * Diagnoses whole exports: streams the inputs, spreads the work over threads, writes results in input
 * order, checkpoints so a stopped run can be resumed, and accounts for every record.
 *
 * <p>One thread cuts records off the input and, in the same order, writes what the workers return; at
 * most a few chunks are in flight, so memory stays flat whatever the input's size.
 */
public final class Batch {

    public static final String DIAGNOSES = "diagnoses.jsonl";
    public static final String REJECTS = "rejects.jsonl";
    public static final String DIAGNOSES_CSV = "diagnoses.csv";
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";
    public static final String STATE = ".authdoctor-batch.state";

    static final int CHUNK = 256;
    private static final long CHECKPOINT_RECORDS = 20_000;
    private static final long CHECKPOINT_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    /** How a run ended. */
    public enum Status {
        /** Every record read was diagnosed, found no match or was rejected; rejects within the limit. */
        COMPLETED,
        /** Completed, but more records were rejected than {@code maxRejects} allows. */
        TOO_MANY_REJECTS
    }

    /** The outcome of a run: how it ended, and its counts. */
    public record Result(Status status, BatchSummary summary) {
    }

    /** A run that cannot start or go on; {@code usage} when the request itself is wrong. */
    public static final class BatchException extends RuntimeException {
        private final boolean usage;

        BatchException(String message, boolean usage) {
            super(message);
            this.usage = usage;
        }

        public boolean isUsage() {
            return usage;
        }
    }

    /** How far a run has got, for a progress display. {@code totalBytes} is -1 when unknown (standard input). */
    public record Progress(long records, long bytesRead, long totalBytes, long startedNanos) {
    }

    private final BatchOptions options;
    private final Troubleshooter doctor;
    private final IncidentReader reader = new IncidentReader();
    private final DiagnosisJson json = new DiagnosisJson();
    private volatile long recordsDone;
    private volatile long bytesRead;
    private volatile long totalBytes = -1;
    private volatile long startedNanos = System.nanoTime();
    private Counted current; // the input being read, as stored on disk
    private volatile boolean csvOut;

    public Batch(BatchOptions options, Troubleshooter doctor) {
        this.options = options;
        this.doctor = doctor;
    }

    public Progress progress() {
        return new Progress(recordsDone, bytesRead, totalBytes, startedNanos);
    }

    /**
     * Runs the batch to the end.
     *
     * @param stdin what {@code -} reads
     * @throws BatchException when the run cannot start (wrong request, unreadable input) or a record is lost
     */
    public Result run(InputStream stdin) throws IOException {
        startedNanos = System.nanoTime();
        Path out = options.out();
        Files.createDirectories(out);
        ObjectNode fingerprint = fingerprint();
        Checkpoint checkpoint = new Checkpoint(out.resolve(STATE));
        Checkpoint.State previous = prepare(checkpoint, fingerprint);
        if (previous != null && previous.complete()) {
            LOG.info("batch: the run in {} is already complete", out);
            return finish(previous.summary(), checkpoint);
        }
        BatchSummary summary = previous == null ? new BatchSummary() : previous.summary();
        recordsDone = summary.read;
        csvOut = options.inputs().stream().anyMatch(i -> options.formatOf(i) == InputFormat.CSV);
        long skip = previous == null ? 0 : summary.read;
        long cutTotal = summary.read; // records taken off the inputs, counted apart from what is written
        long runStarted = System.nanoTime();
        try (Outputs outputs = Outputs.open(out, csvOut, previous)) {
            ExecutorService workers = Executors.newFixedThreadPool(options.threads(), r -> {
                Thread t = new Thread(r, "authdoctor-batch");
                t.setDaemon(true);
                return t;
            });
            try {
                Deque<Future<List<Done>>> inFlight = new ArrayDeque<>();
                int window = options.threads() * 4;
                long lastCheckpointRecords = summary.read;
                long lastCheckpointNanos = System.nanoTime();
                long bytesBefore = 0;
                for (String input : options.inputs()) {
                    try (RecordSource source = open(input, stdin)) {
                        for (; skip > 0; skip--) {
                            if (source.cut() == null) {
                                break; // this input ended; the rest of the skip is in the next one
                            }
                        }
                        List<RecordSource.Cut> chunk = new ArrayList<>(CHUNK);
                        RecordSource.Cut cut;
                        while ((cut = source.cut()) != null) {
                            cutTotal++;
                            chunk.add(cut);
                            bytesRead = bytesBefore + current.count;
                            if (chunk.size() == CHUNK) {
                                inFlight.add(submit(workers, source, input, chunk));
                                chunk = new ArrayList<>(CHUNK);
                                while (inFlight.size() >= window) {
                                    write(inFlight.poll(), outputs, summary);
                                }
                                if (summary.read - lastCheckpointRecords >= CHECKPOINT_RECORDS
                                        || System.nanoTime() - lastCheckpointNanos >= CHECKPOINT_NANOS) {
                                    summary.durationMillis += elapsedMillis(runStarted);
                                    runStarted = System.nanoTime();
                                    checkpoint.save(new Checkpoint.State(fingerprint, false, outputs.lengths(), summary));
                                    lastCheckpointRecords = summary.read;
                                    lastCheckpointNanos = System.nanoTime();
                                }
                            }
                        }
                        if (!chunk.isEmpty()) {
                            inFlight.add(submit(workers, source, input, chunk));
                        }
                        // The source closes here, so its last chunk must be written first.
                        while (!inFlight.isEmpty()) {
                            write(inFlight.poll(), outputs, summary);
                        }
                        bytesBefore += current.count;
                    }
                }
            } finally {
                workers.shutdownNow();
            }
            summary.durationMillis += elapsedMillis(runStarted);
            outputs.flush();
            if (cutTotal != summary.read || !summary.reconciles()) {
                throw new BatchException("records were lost: " + cutTotal + " read from the inputs, " + summary.read + " written (diagnosed "
                        + summary.diagnosed + " + no match " + summary.noMatch + " + rejected " + summary.rejected + ")", false);
            }
            checkpoint.save(new Checkpoint.State(fingerprint, false, outputs.lengths(), summary));
        }
        return finish(summary, checkpoint);
    }

    private Result finish(BatchSummary summary, Checkpoint checkpoint) throws IOException {
        Path out = options.out();
        ObjectNode summaryJson = summary.toJson(doctor.rulePacks(), options.threads(), true);
        Files.writeString(out.resolve(SUMMARY), summaryJson.toPrettyString() + "\n");
        Files.writeString(out.resolve(REPORT), ReportPage.render(summary, doctor.rulePacks(), options.inputs()));
        checkpoint.markComplete();
        boolean tooMany = options.maxRejects() >= 0 && summary.rejected > options.maxRejects();
        LOG.info("batch: {} record(s) read, {} diagnosed, {} no match, {} rejected", summary.read, summary.diagnosed,
                summary.noMatch, summary.rejected);
        return new Result(tooMany ? Status.TOO_MANY_REJECTS : Status.COMPLETED, summary);
    }

    /** Checks the output folder against the request; returns the state to resume from, or null for a fresh run. */
    private Checkpoint.State prepare(Checkpoint checkpoint, ObjectNode fingerprint) throws IOException {
        Path out = options.out();
        if (options.resume()) {
            if (options.inputs().contains("-")) {
                throw new BatchException("--resume cannot continue from standard input: give the input as a file", true);
            }
            Checkpoint.State state = checkpoint.load();
            if (state == null) {
                throw new BatchException("nothing to resume: " + out + " holds no batch run", true);
            }
            String difference = Checkpoint.difference(state.fingerprint(), fingerprint);
            if (difference != null) {
                throw new BatchException("cannot resume the run in " + out + ": " + difference, true);
            }
            return state;
        }
        for (String name : List.of(DIAGNOSES, REJECTS, DIAGNOSES_CSV, SUMMARY, REPORT, STATE)) {
            if (Files.exists(out.resolve(name))) {
                throw new BatchException(out + " already holds a batch run (" + name + "): continue it with --resume,"
                        + " or give another --out", true);
            }
        }
        return null;
    }

    /** What identifies a run: its inputs as they are on disk, how they are read, and the rules. */
    private ObjectNode fingerprint() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        var inputs = o.putArray("inputs");
        long total = 0;
        boolean known = true;
        for (String input : options.inputs()) {
            ObjectNode i = inputs.addObject().put("name", input).put("format", options.formatOf(input).name());
            if (!"-".equals(input)) {
                Path p = Path.of(input);
                try {
                    long size = Files.size(p);
                    i.put("size", size).put("modified", Files.getLastModifiedTime(p).toMillis());
                    total += size;
                } catch (NoSuchFileException e) {
                    throw new BatchException("cannot read " + input + ": no such file", false);
                } catch (IOException e) {
                    throw new BatchException("cannot read " + input + ": " + e.getMessage(), false);
                }
            } else {
                known = false;
            }
        }
        totalBytes = known ? total : -1;
        o.put("map", options.map().toString());
        o.put("supportContact", options.supportContact());
        var packs = o.putArray("rulePacks");
        // name, version and content: a pack edited without a new version is still another pack
        doctor.packs().forEach(p -> packs.add(p.label() + " sha256:" + p.sha256()));
        return o;
    }

    private RecordSource open(String input, InputStream stdin) throws IOException {
        InputStream raw;
        try {
            raw = "-".equals(input) ? stdin : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new BatchException("cannot read " + input + ": no such file", false);
        }
        current = new Counted(raw);
        InputStream in = new BufferedInputStream(current, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) { // gzip, whatever the name says
            in = new GZIPInputStream(in, 1 << 16);
        }
        try {
            return options.formatOf(input) == InputFormat.CSV ? new CsvSource(in, reader, options.map())
                    : new JsonLinesSource(in, reader);
        } catch (IllegalArgumentException e) {
            in.close();
            throw new BatchException(input + ": " + e.getMessage(), false);
        }
    }

    /** One record's results, made on a worker thread, written in order by the writer. */
    private record Done(String input, Diagnosis diagnosis, String diagnosisLine, String rejectLine, String csvLine,
                        String unrecognisedMessage) {
    }

    private Future<List<Done>> submit(ExecutorService workers, RecordSource source, String input, List<RecordSource.Cut> chunk) {
        return workers.submit(() -> {
            List<Done> done = new ArrayList<>(chunk.size());
            for (RecordSource.Cut cut : chunk) {
                done.add(process(source.read(cut), input));
            }
            return done;
        });
    }

    private Done process(RecordSource.Record record, String input) {
        if (record.result() instanceof ReadResult.Rejected r) {
            Diagnosis d = Diagnosis.rejected(r.incidentId(), r.errors());
            return new Done(input, d, null, rejectLine(input, record, r.incidentId(), r.errors()), null, null);
        }
        var incident = ((ReadResult.Accepted) record.result()).incident();
        Diagnosis d;
        try {
            d = doctor.diagnose(incident);
        } catch (RuntimeException e) {
            // The exception's message may quote the incident's facts (addresses, ids): the log gets its kind only.
            LOG.warn("{} line {}: the rules failed ({}); the record is rejected", input, record.line(), e.getClass().getSimpleName());
            List<String> errors = List.of("line " + record.line() + ": could not be diagnosed: " + e.getMessage());
            return new Done(input, Diagnosis.rejected(incident.id(), errors), null,
                    rejectLine(input, record, incident.id(), errors), null, null);
        }
        String unrecognised = d.outcome() == Diagnosis.Outcome.NO_MATCH && incident.error() != null
                ? incident.error().message() : null;
        return new Done(input, d, json.toLine(d) + "\n", null, csvOut ? DiagnosisCsv.row(d) : null, unrecognised);
    }

    private static String rejectLine(String input, RecordSource.Record record, String id, List<String> errors) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", input);
        o.put("line", record.line());
        o.put("incidentId", id);
        o.put("reason", String.join("; ", errors));
        var e = o.putArray("errors");
        errors.forEach(e::add);
        o.put("raw", record.raw());
        return o.toString() + "\n";
    }

    private void write(Future<List<Done>> future, Outputs outputs, BatchSummary summary) throws IOException {
        List<Done> chunk;
        try {
            chunk = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker failed: " + e.getCause(), e.getCause());
        }
        for (Done d : chunk) {
            if (d.rejectLine() != null) {
                outputs.rejects.write(d.rejectLine());
            } else {
                outputs.diagnoses.write(d.diagnosisLine());
                if (outputs.csv != null) {
                    outputs.csv.write(d.csvLine());
                }
            }
            summary.count(d.input(), d.diagnosis(), d.unrecognisedMessage());
        }
        recordsDone = summary.read;
    }

    private static long elapsedMillis(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }

    /** Counts the bytes read from a file as stored (compressed, for gzip), so progress follows its size. */
    private static final class Counted extends FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
