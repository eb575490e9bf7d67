package dev.authdoctor.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.authdoctor.io.ColumnMap;
import dev.authdoctor.io.CsvSource;
import dev.authdoctor.io.IncidentReader;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Turns the inputs into {@link Slice}s, on the driver.
 *
 * <p>Why not Spark's text source: its line splitting also breaks lines at a lone CR, drops nothing it cannot decode
 * but gives no line numbers, and a row's position (monotonically_increasing_id) is not its line. batch's rejects name
 * lines, so the lines must be counted as batch counts them: at {@code \n} only.
 *
 * <p>Uncompressed JSON Lines files larger than a slice are split into byte ranges that each start at a line start; a
 * first cheap pass (one task per range) counts the line breaks in each range, so every range knows the number of
 * its first line, exactly as zipWithIndex would but without reading records twice. A JSON Lines record is one line,
 * so a range holds whole records. CSV (a quoted field may span lines, and a stray quote makes batch read the
 * following lines again as records) and gzip (not seekable) are read whole, one task per file, by the library's own
 * readers: an export of many files spreads over the cluster; one huge CSV file is read by one task.
 */
final class Inputs {

    /** Default share of a JSON Lines file per task. */
    static final long DEFAULT_SLICE_BYTES = 64L << 20;

    private Inputs() {
    }

    /** One file to read, and how. */
    record InputFile(String path, String name, Format format, long length) implements java.io.Serializable {
    }

    /**
     * The files the inputs name, in order: a file as given; a folder's files sorted by name, leaving out
     * Spark's and Hadoop's markers ({@code _SUCCESS}, {@code .crc}, names starting with {@code _} or {@code .}).
     *
     * @throws IllegalArgumentException naming an input that does not exist or holds no file
     */
    static List<InputFile> list(HadoopConf conf, List<String> inputs, Format forced) {
        List<InputFile> files = new ArrayList<>();
        for (String input : inputs) {
            try {
                Path p = new Path(input);
                FileSystem fs = HadoopConf.fileSystem(p, conf.get());
                if (!fs.exists(p)) {
                    throw new IllegalArgumentException("cannot read " + input + ": no such file");
                }
                FileStatus st = fs.getFileStatus(p);
                if (st.isFile()) {
                    files.add(new InputFile(st.getPath().toString(), input, forced != null ? forced : Format.fromName(input), st.getLen()));
                    continue;
                }
                FileStatus[] in = fs.listStatus(p, q -> !q.getName().startsWith("_") && !q.getName().startsWith("."));
                Arrays.sort(in, Comparator.comparing(s -> s.getPath().getName()));
                int before = files.size();
                for (FileStatus s : in) {
                    if (s.isFile()) {
                        String name = s.getPath().toString();
                        files.add(new InputFile(name, name, forced != null ? forced : Format.fromName(s.getPath().getName()), s.getLen()));
                    }
                }
                if (files.size() == before) {
                    throw new IllegalArgumentException("cannot read " + input + ": the folder holds no file");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + input + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    /**
     * The slices of the text inputs, in input order. CSV headers are checked here, on the driver, so a column the
     * contract does not know stops the run at once, naming it, as it stops batch.
     */
    static List<Slice> slices(JavaSparkContext sc, HadoopConf conf, List<InputFile> files, ColumnMap map, long sliceBytes) {
        List<Slice> slices = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>(); // {file index, start, end}
        for (int i = 0; i < files.size(); i++) {
            InputFile f = files.get(i);
            if (f.format() == Format.CSV) {
                checkHeader(conf, f, map);
            }
            if (f.format() != Format.JSONL || f.length() <= sliceBytes || gzip(conf, f.path()) || opensDocument(conf, f.path())) {
                continue;
            }
            for (long s = 0; s < f.length(); s += sliceBytes) {
                ranges.add(new long[]{i, s, Math.min(f.length(), s + sliceBytes)});
            }
        }
        // One task per range: {line breaks in [start, end), first line break at or after start - 1, or -1}.
        List<long[]> counted = ranges.isEmpty() ? List.of() : sc.parallelize(ranges, ranges.size())
                .map(r -> count(conf, files.get((int) r[0]).path(), r[1], r[2])).collect();
        int r = 0;
        for (int i = 0; i < files.size(); i++) {
            InputFile f = files.get(i);
            if (r >= ranges.size() || ranges.get(r)[0] != i) {
                if (f.format() != Format.PARQUET) {
                    slices.add(Slice.whole(f.path(), f.name(), f.format()));
                }
                continue;
            }
            // Range k's lines are those that start in [a_k, a_k+1): a_0 = 0; a_k = the position after the first
            // line break at or after s_k - 1. The line number of a_k is 1 + the line breaks before it.
            List<long[]> starts = new ArrayList<>(); // {a_k, first line}
            long breaksBefore = 0;
            for (; r < ranges.size() && ranges.get(r)[0] == i; r++) {
                long s = ranges.get(r)[1];
                long[] c = counted.get(r);
                if (s == 0) {
                    starts.add(new long[]{0, 1});
                } else if (c[1] >= 0 && c[1] + 1 < f.length()) {
                    long a = c[1] + 1;
                    long line = 1 + breaksBefore + (c[1] >= s ? 1 : 0);
                    if (a > starts.get(starts.size() - 1)[0]) {
                        starts.add(new long[]{a, line});
                    }
                }
                breaksBefore += c[0];
            }
            for (int k = 0; k < starts.size(); k++) {
                long to = k + 1 < starts.size() ? starts.get(k + 1)[0] : f.length();
                slices.add(new Slice(f.path(), f.name(), Format.JSONL, false, starts.get(k)[0], to, starts.get(k)[1]));
            }
        }
        return slices;
    }

    private static long[] count(HadoopConf conf, String path, long start, long end) throws IOException {
        long from = Math.max(0, start - 1);
        long breaks = 0;
        long first = -1;
        try (FSDataInputStream in = conf.fs(path).open(new Path(path))) {
            in.seek(from);
            byte[] b = new byte[1 << 16];
            long pos = from;
            while (pos < end) {
                int n = in.read(b, 0, (int) Math.min(b.length, end - pos));
                if (n < 0) {
                    break;
                }
                for (int j = 0; j < n; j++) {
                    if (b[j] == '\n') {
                        if (first < 0) {
                            first = pos + j;
                        }
                        if (pos + j >= start) {
                            breaks++;
                        }
                    }
                }
                pos += n;
            }
        }
        return new long[]{breaks, first};
    }

    /** The bytes of a whole file, gunzipped when they are gzip whatever the name says (as batch decides). */
    static InputStream openWhole(HadoopConf conf, String path) throws IOException {
        InputStream in = new BufferedInputStream(conf.fs(path).open(new Path(path)), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** The bytes {@code [from, to)} of a file. */
    static InputStream openRange(HadoopConf conf, String path, long from, long to) throws IOException {
        FSDataInputStream raw = conf.fs(path).open(new Path(path));
        raw.seek(from);
        return new BufferedInputStream(new FilterInputStream(raw) {
            private long left = to - from;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        }, 1 << 16);
    }

    private static boolean gzip(HadoopConf conf, String path) {
        try (InputStream in = conf.fs(path).open(new Path(path))) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Whether the file's first line opens a JSON value it does not close: batch then tries the file as one
     * pretty-printed document, which only a whole-file read can do.
     */
    private static boolean opensDocument(HadoopConf conf, String path) {
        try (InputStream in = openRange(conf, path, 0, 1 << 20)) {
            byte[] b = in.readNBytes(1 << 20);
            int end = 0;
            while (end < b.length && b[end] != '\n') {
                end++;
            }
            String line = new String(b, 0, end, StandardCharsets.UTF_8);
            try (JsonParser p = new JsonFactory().createParser(line)) {
                while (p.nextToken() != null) {
                    // read to the end
                }
                return false;
            } catch (JsonEOFException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static void checkHeader(HadoopConf conf, InputFile f, ColumnMap map) {
        try (InputStream in = openWhole(conf, f.path())) {
            new CsvSource(in, new IncidentReader(), map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f.name() + ": " + e.getMessage(), e);
        }
    }
}
