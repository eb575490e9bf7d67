package dev.authdoctor.batch;

import java.util.Locale;

/** The formats a batch reads; either may be gzip-compressed. */
public enum InputFormat {
    JSONL, CSV;

    /** The format a file name says: {@code .csv} (or {@code .csv.gz}) is CSV, anything else JSON Lines. */
    public static InputFormat fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".csv") ? CSV : JSONL;
    }
}
