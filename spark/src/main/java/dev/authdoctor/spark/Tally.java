package dev.authdoctor.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of the job's written outputs, made by the tasks that read them back and added up on the driver: one
 * pass over the outputs, no shuffle. A task's result counts once even when the task is retried (accumulators would
 * count a failed attempt's records too).
 */
final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which written output a part file belongs to. */
    enum Part { DIAGNOSIS_LINES, REJECT_LINES, CSV_ROWS }

    /** The Parquet columns {@link #addDiagnoses} reads, in this order. */
    static final String[] DIAGNOSIS_COLUMNS = {"file", "line", "outcome", "problems.id", "problems.causes",
            "escalation.condition", "escalation.now", "unrecognised"};

    private final int keep;
    long diagnosed;
    long noMatch;
    long rejected;
    long diagnosisLines;
    long csvRows;
    long dueNow;
    long later;
    final TreeMap<String, Long> problems = new TreeMap<>();
    final TreeMap<String, Long> causes = new TreeMap<>();
    final TreeMap<String, Long> conditions = new TreeMap<>();
    /** file -> {records written, their lines' hash}. */
    final TreeMap<String, long[]> files = new TreeMap<>();
    long unrecognisedRecords;
    /** message -> {records, part file of its first record, row in it}; dropped when more than {@code keep} distinct. */
    Map<String, long[]> unrecognised = new HashMap<>();

    /** @param keep the distinct messages batch keeps: past that many, {@link #unrecognised} is null and SQL finds them */
    Tally(int keep) {
        this.keep = keep;
    }

    /** Rows of diagnoses.parquet: {@link #DIAGNOSIS_COLUMNS}, then the part file's number and the row's index in it. */
    Tally addDiagnoses(Iterator<Row> rows) {
        while (rows.hasNext()) {
            Row r = rows.next();
            written(r.getString(0), r.isNullAt(1) ? null : r.getLong(1));
            if ("DIAGNOSED".equals(r.getString(2))) {
                diagnosed++;
            } else {
                noMatch++;
            }
            if (!r.isNullAt(3)) {
                for (String id : r.<String>getList(3)) {
                    problems.merge(id, 1L, Long::sum);
                }
                for (Object c : r.getList(4)) {
                    for (Object cause : (List<?>) scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) c)) {
                        causes.merge((String) cause, 1L, Long::sum);
                    }
                }
            }
            if (!r.isNullAt(5)) {
                conditions.merge(r.getString(5), 1L, Long::sum);
                if (r.getBoolean(6)) {
                    dueNow++;
                } else {
                    later++;
                }
            }
            if (!r.isNullAt(7)) {
                unrecognisedRecords++;
                if (unrecognised != null) {
                    long[] u = unrecognised.computeIfAbsent(r.getString(7), k -> new long[]{0, Long.MAX_VALUE, Long.MAX_VALUE});
                    u[0]++;
                    first(u, r.getLong(8), r.getLong(9));
                    if (unrecognised.size() > keep) {
                        unrecognised = null;
                    }
                }
            }
        }
        return this;
    }

    /** One part file of a text output, read through Hadoop's file system (no glob, no Spark line splitting). */
    Tally addPart(HadoopConf conf, Part part, String path) throws IOException {
        try (FSDataInputStream in = conf.fs(path).open(new Path(path))) {
            switch (part) {
                case DIAGNOSIS_LINES -> diagnosisLines += lines(in);
                case CSV_ROWS -> csvRows += csvRecords(in);
                case REJECT_LINES -> {
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        JsonNode o = JSON.readTree(line);
                        rejected++;
                        written(o.path("file").asText(null), o.path("line").isIntegralNumber() ? o.path("line").asLong() : null);
                    }
                }
            }
        }
        return this;
    }

    private void written(String file, Long line) {
        long[] f = files.computeIfAbsent(file == null ? "null" : file, k -> new long[2]);
        f[0]++;
        if (line != null) {
            f[1] += Schemas.lineHash(line);
        }
    }

    private static void first(long[] u, long part, long row) {
        if (part < u[1] || (part == u[1] && row < u[2])) {
            u[1] = part;
            u[2] = row;
        }
    }

    private static long lines(InputStream in) throws IOException {
        byte[] b = new byte[1 << 16];
        long n = 0;
        for (int k = in.read(b); k >= 0; k = in.read(b)) {
            for (int i = 0; i < k; i++) {
                if (b[i] == '\n') {
                    n++;
                }
            }
        }
        return n;
    }

    /** Rows of one diagnoses.csv part file, its header aside: every cell is quoted, so a row ends at a line break outside quotes. */
    private static long csvRecords(InputStream in) throws IOException {
        byte[] b = new byte[1 << 16];
        long n = 0;
        boolean quoted = false;
        for (int k = in.read(b); k >= 0; k = in.read(b)) {
            for (int i = 0; i < k; i++) {
                if (b[i] == '"') {
                    quoted = !quoted;
                } else if (b[i] == '\n' && !quoted) {
                    n++;
                }
            }
        }
        return Math.max(0, n - 1);
    }

    /** Adds another task's counts to these. */
    Tally merge(Tally o) {
        diagnosed += o.diagnosed;
        noMatch += o.noMatch;
        rejected += o.rejected;
        diagnosisLines += o.diagnosisLines;
        csvRows += o.csvRows;
        dueNow += o.dueNow;
        later += o.later;
        o.problems.forEach((k, v) -> problems.merge(k, v, Long::sum));
        o.causes.forEach((k, v) -> causes.merge(k, v, Long::sum));
        o.conditions.forEach((k, v) -> conditions.merge(k, v, Long::sum));
        o.files.forEach((k, v) -> {
            long[] f = files.computeIfAbsent(k, x -> new long[2]);
            f[0] += v[0];
            f[1] += v[1];
        });
        unrecognisedRecords += o.unrecognisedRecords;
        if (unrecognised != null && o.unrecognised != null) {
            o.unrecognised.forEach((k, v) -> {
                long[] u = unrecognised.computeIfAbsent(k, x -> new long[]{0, Long.MAX_VALUE, Long.MAX_VALUE});
                u[0] += v[0];
                first(u, v[1], v[2]);
            });
            if (unrecognised.size() > keep) {
                unrecognised = null;
            }
        } else {
            unrecognised = null;
        }
        return this;
    }
}
