package dev.authdoctor.spark;

import java.io.Serializable;

/**
 * A share of one input file that one task reads: the whole file, or (uncompressed JSON Lines only) the lines that
 * start in a byte range. Computed on the driver, so a retried task reads exactly the same lines.
 *
 * @param path      the file, as Hadoop opens it
 * @param name      the file as rejects and summary name it (the input as given, for a file given by name)
 * @param format    how its records are cut
 * @param whole     the whole file, read as {@code ./authdoctor batch} reads it (gzip, BOM, a pretty-printed document)
 * @param from      for a range: the offset of its first line's first byte
 * @param to        for a range: the offset after its last line's line break (or the file's length)
 * @param firstLine for a range: the number of its first line in the file, from 1
 */
record Slice(String path, String name, Format format, boolean whole, long from, long to, long firstLine)
        implements Serializable {

    static Slice whole(String path, String name, Format format) {
        return new Slice(path, name, format, true, 0, -1, 1);
    }
}
