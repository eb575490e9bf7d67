package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.batch.Batch;
import dev.authdoctor.batch.BatchOptions;
import dev.authdoctor.batch.InputFormat;
import dev.authdoctor.io.ColumnMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code authdoctor batch INPUT... --out DIR}: whole exports, in parallel, nothing lost, with a report. */
@Command(name = "batch",
        header = "Diagnoses whole exports (JSON Lines, CSV, gzip) in parallel, with rejects, summary and report.",
        mixinStandardHelpOptions = true,
        description = {
                "Diagnoses exports of incidents (JSON Lines or CSV, either may be gzip-compressed) and writes to DIR:",
                "diagnoses.jsonl (accepted records, in input order), rejects.jsonl (each rejected record with file, line,",
                "reason and raw text), summary.json, report.html and, for CSV input, diagnoses.csv.",
                "Every record is accounted for: read = diagnosed + no match + rejected, checked against the lines written before exit.",
                "A run stopped at any instant leaves a folder that --resume continues; --resume checks the inputs and the results before going on."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run completed (rejected records included)",
                "1:an input could not be read, or a record was lost",
                "2:usage error",
                "3:more records were rejected than --max-rejects allows (the run stopped there; --resume goes on)"})
final class BatchCommand extends RulesCommand implements Callable<Integer> {

    static final int EXIT_TOO_MANY_REJECTS = 3;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files to read, in order; '-' reads standard input.")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the results (created if missing).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Input format: ${COMPLETION-CANDIDATES}. Default: by file name, CSV when it ends in .csv or .csv.gz, else JSON Lines.")
    InputFormat format;

    @Option(names = "--map", paramLabel = "FILE",
            description = "JSON file mapping a foreign export's column names (and values) to contract fields; see examples/.")
    Path map;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that diagnose (default: all ${DEFAULT-VALUE} cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--resume", description = "Continue a run that was stopped part-way, in the same --out DIR.")
    boolean resume;

    @Option(names = "--restart", description = "Start afresh in an --out DIR that holds a run, deleting its results and state.")
    boolean restart;

    @Option(names = "--max-rejects", paramLabel = "N",
            description = "Stop, with exit code 3, as soon as more than N records are rejected; --resume goes on from there.")
    Long maxRejects;

    @Option(names = "--checkpoint-every", paramLabel = "N", hidden = true,
            description = "Records between checkpoints (default: 20000; a checkpoint is also taken every 5 seconds).")
    long checkpointEvery = BatchOptions.DEFAULT_CHECKPOINT_EVERY;

    @Option(names = {"-q", "--quiet"}, description = "No progress display (it is shown only on a terminal anyway).")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        if (resume && restart) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--resume and --restart exclude each other");
        }
        if (checkpointEvery < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--checkpoint-every must be at least 1");
        }
        if (maxRejects != null && maxRejects < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-rejects must not be negative");
        }
        ColumnMap columns = ColumnMap.NONE;
        if (map != null) {
            try {
                columns = ColumnMap.read(map);
            } catch (NoSuchFileException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--map " + map + ": no such file");
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--map " + e.getMessage());
            }
        }
        Troubleshooter doctor = rules.troubleshooter(spec.commandLine());
        BatchOptions options = new BatchOptions(inputs, out, format, columns, threads, resume,
                maxRejects == null ? -1 : maxRejects, doctor.supportContact(), restart, checkpointEvery);
        Batch batch = new Batch(options, doctor);
        Batch.Result result;
        try (AutoCloseable bar = ProgressBar.startIfTerminal(err, batch::progress, quiet)) {
            result = batch.run(main.stdin);
        } catch (Batch.BatchException e) {
            if (e.isUsage()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            err.println("authdoctor: " + e.getMessage());
            err.flush();
            return Main.EXIT_INPUT;
        } catch (Exception e) {
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e);
        }
        var s = result.summary();
        if (!quiet) {
            err.printf("authdoctor: %d read, %d diagnosed, %d no match, %d rejected; results in %s%n",
                    s.read(), s.diagnosed(), s.noMatch(), s.rejected(), out);
        }
        if (result.status() == Batch.Status.TOO_MANY_REJECTS) {
            err.printf("authdoctor: %d records rejected, more than --max-rejects %d (see %s)%n", s.rejected(), maxRejects,
                    out.resolve(Batch.REJECTS));
            if (!result.complete()) {
                err.printf("authdoctor: the run stopped there; to go on, run it again with --resume and a higher --max-rejects"
                        + " (or none)%n");
            }
            err.flush();
            return EXIT_TOO_MANY_REJECTS;
        }
        err.flush();
        return Main.EXIT_OK;
    }
}
