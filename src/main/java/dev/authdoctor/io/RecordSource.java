package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import java.io.Closeable;

/**
 * Incidents read from an export, one record at a time, in input order. Every record of the input yields
 * exactly one {@link Record}: an incident, or a rejection naming the line and the field.
 *
 * <p>Reading is split in two so a batch can spread the costly half over threads: {@link #cut()} takes
 * the next record's text off the input (cheap, in order, one thread) and {@link #read(Cut)} turns it
 * into an incident or a rejection (pure, thread-safe).
 */
public interface RecordSource extends Closeable {

    /** One input record: the line it starts on, its text as read (for reports of rejects), and what it holds. */
    record Record(long line, String raw, ReadResult result) {
    }

    /**
     * A record as cut from the input, not yet read: its first line, its text, what the format needs to
     * read it ({@code content}), or, when it could not even be cut cleanly, the reason ({@code error}).
     */
    record Cut(long line, String raw, Object content, String error) {
    }

    /** The next record's text, or null at the end of the input. */
    Cut cut();

    /** Reads a cut record. Thread-safe: may run on any thread, in any order. */
    Record read(Cut cut);

    /** The next record, cut and read. */
    default Record next() {
        Cut c = cut();
        return c == null ? null : read(c);
    }
}
