package dev.authdoctor.spark;

import dev.authdoctor.batch.InputFormat;

import java.util.Locale;

/** The formats the Spark job reads: batch's two, plus Parquet. */
public enum Format {
    JSONL, CSV, PARQUET;

    /** The format a file name says: as {@code batch} decides it, plus {@code .parquet}. */
    public static Format fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet") || n.endsWith(".parq")) {
            return PARQUET;
        }
        return InputFormat.fromName(name) == InputFormat.CSV ? CSV : JSONL;
    }

    /** {@code jsonl}, {@code csv} or {@code parquet}, any case; null for anything else. */
    public static Format parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "jsonl", "json" -> JSONL;
            case "csv" -> CSV;
            case "parquet" -> PARQUET;
            default -> null;
        };
    }
}
