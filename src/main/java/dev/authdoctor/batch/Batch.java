package dev.authdoctor.batch;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.io.CsvSource;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.incident.ReadResult;
import dev.authdoctor.io.RecordSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Most of a rejected record's text kept in its reject, in UTF-8 bytes; {@code rawLength} gives the whole length. */
    static final int MAX_RAW_BYTES = 4096;
    private static final long CHECKPOINT_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    /** How a run ended. */
    public enum Status {
        /** Every record read was diagnosed, found no match or was rejected; rejects within the limit. */
        COMPLETED,
        /**
         * More records were rejected than {@code maxRejects} allows. The run stopped at the reject that passed
         * the limit, its state saved, so {@code --resume} (with a higher limit) goes on from there; or, for a
         * run resumed with the same limit that met no further reject, it completed.
         */
        TOO_MANY_REJECTS
    }

    /** The outcome of a run: how it ended, its counts, and whether every input was read to the end. */
    public record Result(Status status, BatchSummary summary, boolean complete) {
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

    /**
     * Called at the instants a stop can fall between, with the records written so far: tests copy the
     * output folder there (what a kill at that instant leaves) or throw (a crash there).
     */
    interface Probe {
        /** A fresh run's state is saved; no output file exists yet. */
        String STARTED = "started";
        /** The output files are open (created, or cut back to the checkpoint). */
        String OUTPUTS_OPENED = "outputs-opened";
        /** One more record is written (to the output stream's buffer, not necessarily the disk). */
        String RECORD_WRITTEN = "record-written";
        /** The outputs are forced to the disk; the state that points into them is not yet written. */
        String OUTPUTS_SYNCED = "outputs-synced";
        /** The new state is written beside the old one, not yet moved over it. */
        String STATE_TEMP_WRITTEN = "state-temp-written";
        /** The new state replaced the old one. */
        String STATE_SAVED = "state-saved";

        Probe NONE = (instant, records) -> {
        };

        void at(String instant, long records) throws IOException;
    }

    private final BatchOptions options;
    private final Troubleshooter doctor;
    private final IncidentReader reader = new IncidentReader();
    private volatile long recordsDone;
    private volatile long bytesRead;
    private volatile long totalBytes = -1;
    private volatile long startedNanos = System.nanoTime();
    private InputRead.Counting current; // the input being read, as stored on disk; null between inputs
    private volatile boolean csvOut;
    private Probe probe = Probe.NONE;

    public Batch(BatchOptions options, Troubleshooter doctor) {
        this.options = options;
        this.doctor = doctor;
    }

    /** For tests: a hook called at each instant a stop can fall between. */
    Batch probe(Probe probe) {
        this.probe = probe;
        return this;
    }

    public Progress progress() {
        return new Progress(recordsDone, bytesRead, totalBytes, startedNanos);
    }

    /**
     * Runs the batch to the end, or until more records are rejected than {@code maxRejects} allows.
     *
     * @param stdin what {@code -} reads
     * @throws BatchException when the run cannot start (wrong request, unreadable input, a state that does
     *                        not match its folder or its inputs) or a record is lost
     */
    public Result run(InputStream stdin) throws IOException {
        startedNanos = System.nanoTime();
        Path out = options.out();
        Files.createDirectories(out);
        ObjectNode fingerprint = fingerprint();
        csvOut = options.inputs().stream().anyMatch(i -> options.formatOf(i) == InputFormat.CSV);
        Checkpoint checkpoint = new Checkpoint(out.resolve(STATE), probe);
        Checkpoint.State start = prepare(checkpoint, fingerprint);
        if (start.complete()) {
            LOG.info("batch: the run in {} is already complete", out);
            return finish(start, checkpoint);
        }
        try {
            return go(start, checkpoint, stdin);
        } catch (BatchException e) {
            throw new BatchException(e.getMessage() + " (the run's state is kept in " + out
                    + ": once this is fixed, continue it with --resume, or start it over with --restart)", e.isUsage());
        }
    }

    private Result go(Checkpoint.State start, Checkpoint checkpoint, InputStream stdin) throws IOException {
        ObjectNode fingerprint = start.fingerprint();
        BatchSummary summary = start.summary();
        recordsDone = summary.read;
        long skip = summary.read;
        long cutTotal = summary.read; // records taken off the inputs, counted apart from what is written
        long runStarted = System.nanoTime();
        int chunkSize = (int) Math.min(CHUNK, options.checkpointEvery());
        List<InputRead> whole = new ArrayList<>(); // the inputs read to their end
        boolean stopped = false;
        Checkpoint.State last;
        try (Outputs outputs = Outputs.open(options.out(), csvOut, start.lengths(), expectedLines(start))) {
            probe.at(Probe.OUTPUTS_OPENED, summary.read);
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
                inputs:
                for (String input : options.inputs()) {
                    try (RecordSource source = open(input, stdin)) {
                        for (; skip > 0; skip--) {
                            if (source.cut() == null) {
                                break; // this input ended; the rest of the skip is in the next one
                            }
                        }
                        List<RecordSource.Cut> chunk = new ArrayList<>(chunkSize);
                        RecordSource.Cut cut;
                        while ((cut = source.cut()) != null) {
                            cutTotal++;
                            chunk.add(cut);
                            bytesRead = bytesBefore + current.count();
                            if (chunk.size() == chunkSize) {
                                inFlight.add(submit(workers, source, input, chunk));
                                chunk = new ArrayList<>(chunkSize);
                                while (inFlight.size() >= window) {
                                    if (!write(inFlight.poll(), outputs, summary)) {
                                        stopped = true;
                                        break inputs;
                                    }
                                }
                                if (summary.read - lastCheckpointRecords >= options.checkpointEvery()
                                        || System.nanoTime() - lastCheckpointNanos >= CHECKPOINT_NANOS) {
                                    summary.durationMillis += elapsedMillis(runStarted);
                                    runStarted = System.nanoTime();
                                    checkpoint.save(state(fingerprint, outputs, whole, summary));
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
                            if (!write(inFlight.poll(), outputs, summary)) {
                                stopped = true;
                                break inputs;
                            }
                        }
                        current.drain();
                        whole.add(current.soFar(true));
                        bytesBefore += current.count();
                        current = null;
                    }
                }
            } finally {
                workers.shutdownNow();
            }
            summary.durationMillis += elapsedMillis(runStarted);
            outputs.flush();
            // The lines really written to each file, not only the counts, must add up.
            String difference = summary.reconcile(outputs.lines());
            if (difference == null && !stopped && cutTotal != summary.read) {
                difference = cutTotal + " read from the inputs, " + summary.read + " written";
            }
            if (difference != null) {
                throw new BatchException("records were lost: " + difference, false);
            }
            last = state(fingerprint, outputs, whole, summary);
            checkpoint.save(last);
        }
        if (stopped) {
            // Stopped at --max-rejects: the state above continues it; the summary says how far it got.
            writeSummary(summary, false);
            LOG.info("batch: stopped after {} rejected record(s), more than the {} allowed", summary.rejected, options.maxRejects());
            return new Result(Status.TOO_MANY_REJECTS, summary, false);
        }
        return finish(last, checkpoint);
    }

    /** A checkpoint: the outputs forced to the disk first, then what was read of each input and the counts. */
    private Checkpoint.State state(ObjectNode fingerprint, Outputs outputs, List<InputRead> whole, BatchSummary summary)
            throws IOException {
        var lengths = outputs.sync();
        probe.at(Probe.OUTPUTS_SYNCED, summary.read);
        List<InputRead> read = new ArrayList<>(whole);
        if (current != null) {
            read.add(current.soFar(false));
        }
        return new Checkpoint.State(fingerprint, false, lengths, read, summary);
    }

    private Result finish(Checkpoint.State state, Checkpoint checkpoint) throws IOException {
        BatchSummary summary = state.summary();
        writeSummary(summary, true);
        checkpoint.markComplete(state);
        boolean tooMany = options.maxRejects() >= 0 && summary.rejected > options.maxRejects();
        LOG.info("batch: {} record(s) read, {} diagnosed, {} no match, {} rejected", summary.read, summary.diagnosed,
                summary.noMatch, summary.rejected);
        return new Result(tooMany ? Status.TOO_MANY_REJECTS : Status.COMPLETED, summary, true);
    }

    private void writeSummary(BatchSummary summary, boolean complete) throws IOException {
        Path out = options.out();
        ObjectNode summaryJson = summary.toJson(doctor.rulePacks(), options.threads(), complete);
        Files.writeString(out.resolve(SUMMARY), summaryJson.toPrettyString() + "\n");
        Files.writeString(out.resolve(REPORT), ReportPage.render(summary, doctor.rulePacks(), options.inputs()));
    }

    /** The lines each output holds at a state; a fresh run's CSV has not even its header yet. */
    private Map<String, Long> expectedLines(Checkpoint.State s) {
        Map<String, Long> m = s.summary().expectedLines(csvOut);
        if (csvOut && s.lengths().getOrDefault(DIAGNOSES_CSV, -1L) == 0 && s.summary().diagnosed + s.summary().noMatch == 0) {
            m.put(DIAGNOSES_CSV, 0L);
        }
        return m;
    }

    /**
     * Checks the output folder against the request. Returns the state to go on from: a resumed run's,
     * checked against its outputs and inputs, or a fresh run's, saved before any output is written so that
     * a stop at any later instant leaves a folder {@code --resume} continues.
     */
    private Checkpoint.State prepare(Checkpoint checkpoint, ObjectNode fingerprint) throws IOException {
        Path out = options.out();
        if (options.resume()) {
            if (options.inputs().contains("-")) {
                throw new BatchException("--resume cannot continue from standard input: give the input as a file", true);
            }
            Checkpoint.State state = load(checkpoint);
            if (state == null) {
                String held = heldResult(out);
                throw new BatchException("nothing to resume: " + out + " holds no batch state (" + STATE + ")"
                        + (held == null ? "; start a run without --resume"
                        : " but holds " + held + " of a run that cannot be continued: start it over with --restart, or give another --out"),
                        true);
            }
            String difference = Checkpoint.difference(state.fingerprint(), fingerprint);
            if (difference != null) {
                throw new BatchException("cannot resume the run in " + out + ": " + difference
                        + "; give the inputs and options of the stopped run, or start it over with --restart", true);
            }
            verify(state);
            if (!state.complete()) {
                // a stop at --max-rejects wrote them; they describe a point the run is about to leave
                Files.deleteIfExists(out.resolve(SUMMARY));
                Files.deleteIfExists(out.resolve(REPORT));
            }
            return state;
        }
        if (options.restart()) {
            for (String name : List.of(DIAGNOSES, REJECTS, DIAGNOSES_CSV, SUMMARY, REPORT, STATE, STATE + ".tmp")) {
                Files.deleteIfExists(out.resolve(name));
            }
        } else if (checkpoint.exists()) {
            load(checkpoint); // a damaged state is said so at once, rather than after a --resume
            throw new BatchException(out + " already holds a batch run (" + STATE + "): continue it with --resume,"
                    + " start it over with --restart, or give another --out", true);
        } else if (heldResult(out) != null) {
            throw new BatchException(out + " already holds results of a batch run (" + heldResult(out) + ") but no state to continue"
                    + " it from: start it over with --restart, or give another --out", true);
        } else if (otherFile(out) != null) {
            // results mixed into a folder of other files (a repository, a home folder) are hard to find and to clean
            throw new BatchException(out + " holds other files (" + otherFile(out) + "): give a new or empty folder as --out", true);
        }
        Map<String, Long> lengths = new LinkedHashMap<>();
        lengths.put(DIAGNOSES, 0L);
        lengths.put(REJECTS, 0L);
        if (csvOut) {
            lengths.put(DIAGNOSES_CSV, 0L);
        }
        Checkpoint.State start = new Checkpoint.State(fingerprint, false, lengths, List.of(), new BatchSummary());
        checkpoint.save(start);
        probe.at(Probe.STARTED, 0);
        return start;
    }

    /** A file or folder in {@code out} that no batch run writes, or null; a state file left half-written counts as none. */
    private static String otherFile(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return null;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(out)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(STATE + ".tmp"))
                    .sorted().findFirst().orElse(null);
        }
    }

    private static String heldResult(Path out) {
        for (String name : List.of(DIAGNOSES, REJECTS, DIAGNOSES_CSV, SUMMARY, REPORT)) {
            if (Files.exists(out.resolve(name))) {
                return name;
            }
        }
        return null;
    }

    private Checkpoint.State load(Checkpoint checkpoint) throws IOException {
        try {
            return checkpoint.load();
        } catch (Checkpoint.DamagedException e) {
            throw new BatchException("the batch state " + checkpoint.file() + " is damaged: " + e.getMessage()
                    + ". The run in " + options.out() + " cannot be continued: start it over with --restart"
                    + " (this deletes its results), or give another --out", false);
        }
    }

    /** Refuses a state that its outputs or its inputs do not bear out: resuming it would give a wrong result. */
    private void verify(Checkpoint.State state) throws IOException {
        Path out = options.out();
        String restart = ": its results cannot be trusted; start it over with --restart";
        BatchSummary s = state.summary();
        if (csvOut != state.lengths().containsKey(DIAGNOSES_CSV)) {
            throw new BatchException("cannot resume the run in " + out + ": the state " + (csvOut ? "lacks" : "has")
                    + " a length for " + DIAGNOSES_CSV + restart, false);
        }
        String counts = s.reconcile(s.expectedLines(csvOut));
        if (counts != null) {
            throw new BatchException("cannot resume the run in " + out + ": the state's counts do not add up (" + counts + ")" + restart, false);
        }
        String outputs = Outputs.check(out, state.lengths(), expectedLines(state));
        if (outputs != null) {
            throw new BatchException("cannot resume the run in " + out + ": " + outputs + restart, false);
        }
        List<InputRead> read = state.inputs();
        boolean shape = read.size() <= options.inputs().size()
                && (!state.complete() || read.size() == options.inputs().size());
        for (int i = 0; i < read.size(); i++) {
            shape &= read.get(i).whole() || (i == read.size() - 1 && !state.complete());
        }
        if (!shape) {
            throw new BatchException("cannot resume the run in " + out + ": the state's record of the inputs read does not fit"
                    + " the inputs" + restart, false);
        }
        for (int i = 0; i < read.size(); i++) {
            String difference = read.get(i).check(options.inputs().get(i));
            if (difference != null) {
                throw new BatchException("cannot resume the run in " + out + ": " + difference
                        + "; give the inputs of the stopped run, or start it over with --restart", true);
            }
        }
    }

    /** What identifies a run: its inputs by name and format, how they are read, and the rules. Their content is checked apart. */
    private ObjectNode fingerprint() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        var inputs = o.putArray("inputs");
        long total = 0;
        boolean known = true;
        for (String input : options.inputs()) {
            inputs.addObject().put("name", input).put("format", options.formatOf(input).name());
            if (!"-".equals(input)) {
                try {
                    total += Files.size(Path.of(input));
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
        current = new InputRead.Counting(raw);
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
        return new Done(input, d, DiagnosisJson.toJson(d) + "\n", null, csvOut ? DiagnosisCsv.row(d) : null, unrecognised);
    }

    private static String rejectLine(String input, RecordSource.Record record, String id, List<String> errors) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", input);
        o.put("line", record.line());
        o.put("incidentId", id);
        o.put("reason", String.join("; ", errors));
        var e = o.putArray("errors");
        errors.forEach(e::add);
        String raw = record.raw();
        int cut = raw == null ? -1 : cutAt(raw, MAX_RAW_BYTES);
        if (cut < 0) {
            o.put("raw", raw);
        } else {
            // one reject stores a bounded share of its record, however long the record (a line bomb, a 1 MiB line)
            o.put("raw", raw.substring(0, cut));
            o.put("rawLength", raw.getBytes(StandardCharsets.UTF_8).length);
        }
        return o.toString() + "\n";
    }

    /** Where to cut {@code s} to keep at most {@code maxBytes} of UTF-8, at a whole character; -1 when it fits. */
    static int cutAt(String s, int maxBytes) {
        if (s.length() <= maxBytes / 3) {
            return -1; // fits whatever its characters
        }
        long bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                return i;
            }
            bytes += n;
            i += Character.charCount(c);
        }
        return -1;
    }

    /** Writes one chunk's results in order; false when a reject passed {@code maxRejects} and the run must stop. */
    private boolean write(Future<List<Done>> future, Outputs outputs, BatchSummary summary) throws IOException {
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
            recordsDone = summary.read;
            probe.at(Probe.RECORD_WRITTEN, summary.read);
            if (d.rejectLine() != null && options.maxRejects() >= 0 && summary.rejected > options.maxRejects()) {
                return false; // stop here, not at the end: a line bomb would otherwise fill the disk with rejects
            }
        }
        return true;
    }

    private static long elapsedMillis(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }
}
