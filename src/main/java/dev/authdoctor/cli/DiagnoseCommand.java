package dev.authdoctor.cli;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.SupportTicket;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.io.IdaasUser;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.JsonLinesSource;
import dev.authdoctor.io.RecordSource;
import dev.authdoctor.incident.ReadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code authdoctor diagnose [FILE|-]}: one diagnosis JSON line per input line, in input order. */
@Command(name = "diagnose",
        header = "Diagnoses incidents (JSON Lines): one diagnosis line per input line, in order.",
        mixinStandardHelpOptions = true,
        description = {
                "Reads incidents as JSON Lines (one incident a line; a file holding one JSON object also works)",
                "and writes one diagnosis JSON line per input line to standard output, in input order.",
                "A line that is not a valid incident gets a REJECTED diagnosis naming the field; the run goes on."})
final class DiagnoseCommand extends RulesCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnoseCommand.class);

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-", defaultValue = "-",
            description = "JSON Lines file of incidents; '-' or nothing reads standard input.")
    String input;

    @picocli.CommandLine.Option(names = "--explain",
            description = "Add to each problem and step the rule that concluded it, its source row, and the facts that made it fire.")
    boolean explain;

    @picocli.CommandLine.Option(names = "--ticket", paramLabel = "DIR",
            description = "For each incident whose escalation is due now, write a support request draft to "
                    + "DIR/incident-<pseudonym>.txt (never overwritten; a name taken gets -2, -3, ...): subject, problem, facts, "
                    + "steps already tried, plan, rule trace. E-mail addresses, phone numbers and IPs are masked, user ids and "
                    + "UUIDs replaced by pseudonyms (keyed by the environment variable AUTHDOCTOR_REDACT_KEY, else by a key of this run).")
    Path ticketDir;

    @picocli.CommandLine.Option(names = "--no-redact", description = "With --ticket: keep personal data in the drafts as it is (file names stay pseudonyms).")
    boolean noRedact;

    @picocli.CommandLine.Option(names = "--idaas-user", paramLabel = "FILE",
            description = "Diagnose a user object as the IDaaS Administration API returns it (GET /users/{id}), "
                    + "with --symptom and/or --message saying what went wrong.")
    Path idaasUser;

    @picocli.CommandLine.Option(names = "--symptom", paramLabel = "SYMPTOM", description = "With --idaas-user: what was reported, e.g. TOKEN_NOT_WORKING.")
    String symptom;

    @picocli.CommandLine.Option(names = "--message", paramLabel = "TEXT", description = "With --idaas-user: the error text the person saw.")
    String message;

    @picocli.CommandLine.Option(names = "--error-source", paramLabel = "SOURCE", description = "With --idaas-user: where the message was seen, e.g. ENTRUST_ST_APP.")
    String errorSource;

    @picocli.CommandLine.Option(names = "--id", paramLabel = "ID", description = "With --idaas-user: the incident id (default: idaas-user-<the user's UUID>).")
    String incidentId;

    private SupportTicket.Redaction redaction;

    @Override
    public Integer call() throws IOException {
        if (ticketDir != null) {
            Files.createDirectories(ticketDir);
            String key = System.getenv("AUTHDOCTOR_REDACT_KEY");
            redaction = noRedact ? SupportTicket.Redaction.none()
                    : key == null || key.isEmpty() ? SupportTicket.Redaction.withRandomKey() : SupportTicket.Redaction.withKey(key);
        } else if (noRedact) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--no-redact goes with --ticket");
        }
        if (idaasUser != null) {
            return diagnoseApiUser();
        }
        if (symptom != null || message != null || errorSource != null || incidentId != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--symptom, --message, --error-source and --id go with --idaas-user");
        }
        InputStream in;
        try {
            in = "-".equals(input) ? main.stdin : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException | FileNotFoundException e) {
            return fail("authdoctor: cannot read " + input + ": no such file");
        } catch (IOException e) {
            return fail("authdoctor: cannot read " + input + ": " + e.getMessage());
        }
        Troubleshooter doctor = rules.troubleshooter(spec.commandLine());
        IncidentReader reader = new IncidentReader();
        boolean interactive = "-".equals(input);
        PrintWriter out = spec.commandLine().getOut();
        long records = 0;
        long rejected = 0;
        try (JsonLinesSource source = new JsonLinesSource(in, reader)) {
            RecordSource.Record record;
            while ((record = source.next()) != null) {
                Diagnosis d = diagnose(doctor, record.result(), record.line());
                ticket(doctor, record.result(), d);
                records++;
                if (d.outcome() == Diagnosis.Outcome.REJECTED) {
                    rejected++;
                }
                out.write(DiagnosisJson.toJson(d));
                out.write('\n');
                if (interactive) {
                    out.flush(); // a person or a pipe waits for each answer
                }
            }
        } catch (UncheckedIOException e) {
            out.flush();
            return fail("authdoctor: reading " + input + " failed: " + e.getCause().getMessage());
        }
        out.flush();
        LOG.info("diagnose: {} record(s), {} rejected", records, rejected);
        return Main.EXIT_OK;
    }

    private int diagnoseApiUser() throws IOException {
        if (!"-".equals(input)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give either FILE or --idaas-user, not both");
        }
        String json;
        try {
            json = Files.readString(idaasUser);
        } catch (NoSuchFileException e) {
            return fail("authdoctor: cannot read " + idaasUser + ": no such file");
        }
        Troubleshooter doctor = rules.troubleshooter(spec.commandLine());
        ReadResult read = IdaasUser.read(json, new IdaasUser.Report(incidentId, symptom, message, errorSource), new IncidentReader());
        Diagnosis d = diagnose(doctor, read, 1);
        ticket(doctor, read, d);
        PrintWriter out = spec.commandLine().getOut();
        out.write(DiagnosisJson.toJson(d));
        out.write('\n');
        out.flush();
        return Main.EXIT_OK;
    }

    /** Writes the support request draft when one is asked for and due; its rule trace needs the explained diagnosis. */
    private void ticket(Troubleshooter doctor, ReadResult read, Diagnosis d) throws IOException {
        if (ticketDir == null || !(read instanceof ReadResult.Accepted a) || !SupportTicket.isDue(d)) {
            return;
        }
        Diagnosis explained = d.problems().stream().anyMatch(p -> !p.explanations().isEmpty()) ? d : doctor.explain(a.incident());
        SupportTicket.write(ticketDir, a.incident(), explained, redaction);
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(message);
        err.flush();
        return Main.EXIT_INPUT;
    }

    private Diagnosis diagnose(Troubleshooter doctor, ReadResult read, long line) {
        if (read instanceof ReadResult.Rejected r) {
            return Diagnosis.rejected(r.incidentId(), r.errors());
        }
        ReadResult.Accepted a = (ReadResult.Accepted) read;
        try {
            return explain ? doctor.explain(a.incident()) : doctor.diagnose(a.incident());
        } catch (RuntimeException e) {
            // A broken rule must not stop the run; the record says what happened, the log says where.
            // The exception's message may quote the incident's facts (addresses, ids): the log gets its kind only.
            LOG.warn("line {}: the rules failed ({}); the record is rejected", line, e.getClass().getSimpleName());
            return Diagnosis.rejected(a.incident().id(), List.of("line " + line + ": could not be diagnosed: " + e.getMessage()));
        }
    }
}
