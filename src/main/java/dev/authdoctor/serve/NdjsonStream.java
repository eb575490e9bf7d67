package dev.authdoctor.serve;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code POST /v1/diagnoses} with a JSON Lines body: one diagnosis line per incident line, in input order, written
 * while the body is still being read, with the command line's reading ({@link IncidentJson#lines}): a line that is
 * not a valid incident gets a REJECTED diagnosis naming the line and the field, never dropped. Blank lines are
 * skipped. Over a limit (lines or bytes) the stream ends with one problem line (RFC 9457 fields, no {@code outcome})
 * saying which lines were not read: every line before it has its answer, and nothing after it is read.
 */
final class NdjsonStream {

    static final String MEDIA_TYPE = "application/x-ndjson";
    private static final Logger LOG = LoggerFactory.getLogger(NdjsonStream.class);
    /** How the reader words a blank line: the one rejection the API skips (SERVE-API.md: blank lines skipped). */
    private static final String EMPTY_LINE = "empty line, expected a JSON object";
    private static final byte[] NEWLINE = {'\n'};

    private final Troubleshooter doctor;
    private final ServiceEvents events;
    private final Limits limits;

    NdjsonStream(Troubleshooter doctor, ServiceEvents events, Limits limits) {
        this.doctor = doctor;
        this.events = events;
        this.limits = limits;
    }

    /** Thrown by the body's reader once it has given {@code maxStreamBytes}: the stream ends there. */
    private static final class TooLong extends IOException {
        TooLong() {
            super("over the byte limit", null);
        }
    }

    void answer(Context ctx) throws IOException {
        ctx.status(200);
        ctx.res().setContentType(MEDIA_TYPE + ";charset=utf-8");
        OutputStream out = ctx.res().getOutputStream();
        InputStream body = new Bounded(ctx.req().getInputStream(), out, limits.maxStreamBytes());
        long answered = 0;
        long lastLine = 0;
        try (Stream<IncidentJson.Line> lines = IncidentJson.lines(body)) {
            Iterator<IncidentJson.Line> it = lines.iterator();
            while (it.hasNext()) {
                IncidentJson.Line line = it.next();
                lastLine = line.number();
                if (blank(line)) {
                    continue;
                }
                if (answered == limits.maxLines()) {
                    ctx.req().setAttribute(BodyDrain.ATTRIBUTE, Boolean.TRUE); // the rest is discarded, not read
                    write(out, problem("too-many-lines", "Too many lines", "over a limit: the request has more than "
                            + limits.maxLines() + " incident lines; line " + line.number() + " and those after it were not read"));
                    break;
                }
                write(out, DiagnosisJson.toJson(diagnose(line)));
                answered++;
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof TooLong) {
                ctx.req().setAttribute(BodyDrain.ATTRIBUTE, Boolean.TRUE);
                write(out, problem("too-large", "Request too large", "over a limit: the request is longer than "
                        + limits.maxStreamBytes() + " bytes; the lines after line " + lastLine + " were not read"));
            } else if (RequestBodies.unreadable(e.getCause()).status == 408) {
                write(out, problem(408, "request-timeout", "Request timeout", "the request took longer than the server "
                        + "allows to arrive; the lines after line " + lastLine + " were not read"));
            } else {
                // The client went away or the connection broke: nobody is left to read an answer.
                LOG.debug("a JSON Lines request ended early: {}", e.getCause().getClass().getSimpleName());
                return;
            }
        }
        out.flush();
    }

    private Diagnosis diagnose(IncidentJson.Line line) {
        if (line.result() instanceof ReadResult.Rejected r) {
            events.rejected();
            return Diagnosis.rejected(r.incidentId(), r.errors());
        }
        ReadResult.Accepted a = (ReadResult.Accepted) line.result();
        Diagnosis d;
        try {
            d = doctor.diagnose(a.incident());
        } catch (RuntimeException e) {
            // As the command line: a broken rule rejects its record, the batch goes on; the log gets the kind only,
            // since the message may quote the incident's facts.
            LOG.warn("line {}: the rules failed ({}); the record is rejected", line.number(), e.getClass().getSimpleName());
            events.rejected();
            return Diagnosis.rejected(a.incident().id(), List.of("line " + line.number() + ": could not be diagnosed: " + e.getMessage()));
        }
        events.diagnosed(d);
        return d;
    }

    private static boolean blank(IncidentJson.Line line) {
        return line.result() instanceof ReadResult.Rejected r && r.errors().size() == 1
                && r.errors().get(0).endsWith(": " + EMPTY_LINE);
    }

    /** A problem line: the RFC 9457 fields, as a refused request's body has them. */
    static String problem(String type, String title, String detail) {
        return problem(413, type, title, detail);
    }

    static String problem(int status, String type, String title, String detail) {
        ObjectNode p = JsonMapper.shared().createObjectNode();
        p.put("type", Problems.TYPE_PREFIX + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        ArrayNode errors = p.putArray("errors");
        errors.add(detail);
        return p.toString();
    }

    private static void write(OutputStream out, String json) throws IOException {
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.write(NEWLINE);
    }

    /**
     * The body, bounded, and the answers flushed whenever the next read would wait for the client: a client that
     * sends a line and waits for its answer gets it, and a batch sent at once is answered in large writes.
     */
    private static final class Bounded extends FilterInputStream {
        private final OutputStream answers;
        private final long max;
        private long read;

        Bounded(InputStream in, OutputStream answers, long max) {
            super(in);
            this.answers = answers;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (in.available() == 0) {
                answers.flush();
            }
            if (read >= max) {
                if (in.read() < 0) {
                    return -1; // exactly at the limit, and the body ends there
                }
                throw new TooLong();
            }
            int n = in.read(b, off, (int) Math.min(len, max - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public void close() {
            // the container owns the request's stream
        }
    }
}
