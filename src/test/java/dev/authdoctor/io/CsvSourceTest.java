package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** CSV records on their own, without the rule base: quoting, line numbers, limits, values, the header. */
class CsvSourceTest {

    static List<RecordSource.Record> read(InputStream in, ColumnMap map) {
        List<RecordSource.Record> out = new ArrayList<>();
        try (CsvSource source = new CsvSource(in, new IncidentReader(), map)) {
            RecordSource.Record r;
            while ((r = source.next()) != null) {
                out.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<RecordSource.Record> read(byte[] input) {
        return read(new ByteArrayInputStream(input), ColumnMap.NONE);
    }

    static List<RecordSource.Record> read(String input) {
        return read(input.getBytes(StandardCharsets.UTF_8));
    }

    /** "line:id" for an incident, "line:errors" for a rejection. */
    static String summary(RecordSource.Record r) {
        return r.line() + ":" + (r.result() instanceof ReadResult.Accepted a ? a.incident().id()
                : String.join(";", ((ReadResult.Rejected) r.result()).errors()));
    }

    static String description(RecordSource.Record r) {
        return ((ReadResult.Accepted) r.result()).incident().description();
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaksAndTheRecordKeepsItsFirstLine() {
        List<RecordSource.Record> records = read("""
                id,description
                a,"one, two"
                b,"say ""hi""\"
                c,"first
                second

                fourth"
                d,plain
                e,""
                """);
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly("2:a", "3:b", "4:c", "8:d", "9:e");
        assertThat(description(records.get(0))).isEqualTo("one, two");
        assertThat(description(records.get(1))).isEqualTo("say \"hi\"");
        assertThat(description(records.get(2))).isEqualTo("first\nsecond\n\nfourth");
        assertThat(records.get(2).raw()).isEqualTo("c,\"first\nsecond\n\nfourth\"");
        assertThat(description(records.get(4))).as("an empty cell is an unknown fact").isNull();
    }

    @Test
    void windowsLineEndingsAByteOrderMarkAndNoFinalLineBreakAreFine() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        in.writeBytes("id,description\r\na,\"x\r\ny\"\r\nb,z".getBytes(StandardCharsets.UTF_8));
        List<RecordSource.Record> records = read(in.toByteArray());
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly("2:a", "4:b");
        assertThat(description(records.get(0))).as("a quoted CRLF reads as one line break").isEqualTo("x\ny");
        assertThat(description(records.get(1))).isEqualTo("z");
    }

    @Test
    void eachMalformedRecordCostsOnlyItselfAndNamesTheLineItStartsOn() {
        List<RecordSource.Record> records = read("""
                id,symptom,description
                a,OTHER,x

                b,OTHER
                c,OTHER,x,y
                d,OTHER,"closed"after
                e,OTHER,5" screen
                f,OTHER,"never closed
                g,OTHER,y
                h,OTHER,"two
                lines"
                """);
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly(
                "2:a",
                "3:line 3: empty line, expected a CSV record",
                "4:line 4: expected 3 columns, found 2",
                "5:line 5: expected 3 columns, found 4",
                "6:line 6: bad quoting in column 3: text after the closing quote",
                "7:line 7: bad quoting in column 3: a quote inside an unquoted field",
                "8:line 8: bad quoting: a quoted field opened on this line is never closed",
                // the stray quote of line 8 took lines 9 and 10 in until the quote of line 10 closed it, with
                // text after it: those lines are read again, on their own
                "9:g",
                "10:h");
        assertThat(records.get(6).raw()).isEqualTo("f,OTHER,\"never closed");
    }

    @Test
    void aQuotedFieldOpenForMoreThanTheLineLimitIsNeverClosedAndTheLinesAfterItAreReadAgain() {
        StringBuilder csv = new StringBuilder("id,description\na,\"open\n");
        for (int i = 0; i < CsvSource.MAX_RECORD_LINES + 5; i++) {
            csv.append("r").append(i).append(",x\n");
        }
        csv.append("z,\"late\"\n");
        List<RecordSource.Record> records = read(csv.toString());
        assertThat(records).hasSize(1 + CsvSource.MAX_RECORD_LINES + 5 + 1);
        assertThat(summary(records.get(0))).isEqualTo("2:line 2: bad quoting: a quoted field opened on this line is never closed");
        assertThat(summary(records.get(1))).isEqualTo("3:r0");
        assertThat(summary(records.get(records.size() - 1))).isEqualTo((CsvSource.MAX_RECORD_LINES + 8) + ":z");
    }

    @Test
    void invalidUtf8AndOverlongLinesAreRejectedByLine() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("id,description\na,caf".getBytes(StandardCharsets.UTF_8));
        in.write(0xE9);
        in.writeBytes(("\nb," + "x".repeat(LineSource.DEFAULT_MAX_LINE_BYTES) + "\nc,ok\nd," + "y".repeat(20_001) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(read(in.toByteArray())).extracting(CsvSourceTest::summary).containsExactly(
                "2:line 2: invalid UTF-8 at byte 6",
                "3:line 3: line is " + (LineSource.DEFAULT_MAX_LINE_BYTES + 2) + " bytes long, over the limit of " + LineSource.DEFAULT_MAX_LINE_BYTES,
                "4:c",
                "5:line 5: description: 20001 characters, over the limit of 20000");
    }

    /** A CSV with one quoted field of {@code fieldBytes} spread over {@code lines} lines, then a good record. */
    static void writeHugeRecord(java.io.OutputStream out, int fieldBytes, int lines) throws IOException {
        out.write("id,description\nbig,\"".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "x".repeat(fieldBytes / lines).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < lines; i++) {
            out.write(chunk);
            out.write(i == lines - 1 ? '"' : '\n');
        }
        out.write("\nafter,fine\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Streams the huge record through a pipe, so the test itself holds none of it in memory. */
    static List<RecordSource.Record> readHugeRecord(int fieldBytes, int lines, boolean gzip) throws IOException {
        PipedInputStream pipe = new PipedInputStream(1 << 16);
        PipedOutputStream sink = new PipedOutputStream(pipe);
        Thread writer = new Thread(() -> {
            try (var out = gzip ? new GZIPOutputStream(sink, 1 << 16) : sink) {
                writeHugeRecord(out, fieldBytes, lines);
            } catch (IOException e) {
                // the reader stopped early: the assertions below say why
            }
        });
        writer.start();
        return read(gzip ? new GZIPInputStream(pipe, 1 << 16) : pipe, ColumnMap.NONE);
    }

    /** The huge record's reject: "big,\"", the lines with their line breaks, the closing quote. */
    static final String HUGE_REJECT = "2:line 2: the record (lines 2 to 1000) is " + (5 + 50_050L * 999 + 998 + 1)
            + " bytes long, over the limit of " + CsvSource.MAX_RECORD_BYTES + " bytes";

    @Test
    void aFiftyMegabyteQuotedFieldOverManyLinesIsOneRejectNamingItsFirstLineAndCostsNoMore() {
        List<RecordSource.Record> records = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> readHugeRecord(50_000_000, 999, false));
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly(HUGE_REJECT, "1001:after");
        assertThat(records.get(0).raw()).as("a preview, not the record").hasSizeLessThan(2_000).startsWith("big,\"xxx");
    }

    @Test
    void theGzipVariantOfTheHugeRecordIsJustAsCheap() {
        List<RecordSource.Record> records = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> readHugeRecord(50_000_000, 999, true));
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly(HUGE_REJECT, "1001:after");
    }

    @Test
    void theRecordLimitCountsTheWholeRecordNotOneLine() {
        int half = CsvSource.MAX_RECORD_BYTES / 2;
        String justUnder = "id,description\nok,\"" + "a".repeat(half) + "\n" + "b".repeat(CsvSource.MAX_RECORD_BYTES - half - 10) + "\"\n";
        String over = "id,description\nno,\"" + "a".repeat(half) + "\n" + "b".repeat(half) + "\"\nnext,x\n";
        // the field itself is over 20,000 characters: the record passed the record limit and stopped at the field limit
        assertThat(read(justUnder)).extracting(CsvSourceTest::summary).singleElement().asString()
                .endsWith("description: " + (CsvSource.MAX_RECORD_BYTES - 9) + " characters, over the limit of 20000");
        assertThat(read(over)).extracting(CsvSourceTest::summary).containsExactly(
                "2:line 2: the record (lines 2 to 3) is " + (2 * half + 6) + " bytes long, over the limit of " + CsvSource.MAX_RECORD_BYTES + " bytes",
                "4:next");
    }

    @Test
    void anUnclosedQuoteOverTheRecordLimitIsOneRejectThatSaysWhichLinesItTook() {
        StringBuilder csv = new StringBuilder("id,description\na,\"open\n");
        String filler = "y".repeat(100_000);
        for (int i = 0; i < 20; i++) {
            csv.append(filler).append('\n');
        }
        assertThat(read(csv.toString())).extracting(CsvSourceTest::summary).containsExactly(
                "2:line 2: bad quoting: a quoted field opened on this line is not closed within the record limit of "
                        + CsvSource.MAX_RECORD_BYTES + " bytes (lines 2 to 22 are read past with it)");
    }

    @Test
    void numbersAndBooleansAreReadWithTheirFieldAndLine() {
        List<RecordSource.Record> records = read("""
                id,device.clockSkewSeconds,user.locked
                a,420,true
                b, -30 ,FALSE
                c,4.5,yes
                d,12345678901234567890,true
                e,-99999999999999999999,
                """);
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly(
                "2:a",
                "3:b",
                "4:line 4: device.clockSkewSeconds: \"4.5\" is not a whole number;line 4: user.locked: \"yes\" is not true or false",
                "5:line 5: device.clockSkewSeconds: \"12345678901234567890\" is out of range for a whole number",
                "6:line 6: device.clockSkewSeconds: \"-99999999999999999999\" is out of range for a whole number");
        var a = ((ReadResult.Accepted) records.get(0).result()).incident();
        var b = ((ReadResult.Accepted) records.get(1).result()).incident();
        assertThat(a.device().clockSkewSeconds()).isEqualTo(420);
        assertThat(a.user().locked()).isTrue();
        assertThat(b.device().clockSkewSeconds()).isEqualTo(-30);
        assertThat(b.user().locked()).isFalse();
    }

    @Test
    void anOutOfRangeNumberInAMappedColumnNamesTheColumnToo() {
        ColumnMap map = new ColumnMap(Map.of("Number", "id", "Offset", "device.clockSkewSeconds"), Map.of());
        List<RecordSource.Record> records = read(new ByteArrayInputStream(
                "Number,Offset\nT1,99999999999999999999\n".getBytes(StandardCharsets.UTF_8)), map);
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly(
                "2:line 2: device.clockSkewSeconds (column \"Offset\"): \"99999999999999999999\" is out of range for a whole number");
    }

    @Test
    void noneInTheAuthenticatorsColumnIsAnEmptyList() {
        List<RecordSource.Record> records = read("""
                id,authenticator.type,authenticators
                a,,none
                b,GOOGLE_AUTHENTICATOR,none
                c,,maybe
                """);
        assertThat(records).extracting(CsvSourceTest::summary).containsExactly(
                "2:a",
                "3:line 3: authenticators: \"none\" but an authenticator.* column is filled in too",
                "4:line 4: authenticators: \"maybe\" is not none (leave it empty when the user has authenticators)");
        assertThat(((ReadResult.Accepted) records.get(0).result()).incident().authenticators()).isEmpty();
    }

    static String headerError(String csv) {
        try {
            new CsvSource(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), new IncidentReader(), ColumnMap.NONE);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the header was accepted: " + csv);
    }

    @Test
    void anUnknownColumnIsNamed() {
        assertThat(headerError("id,user.sate\na,ACTIVE\n"))
                .startsWith("the CSV header (line 1): \"user.sate\" is not a field of the incident contract")
                .contains("--map");
        assertThat(headerError("id,\"open\n")).isEqualTo("the CSV header (line 1): a quoted name is never closed");
        assertThat(headerError("id,id\n")).isEqualTo("the CSV header (line 1): two columns feed id");
    }

    @Test
    void aFileWithoutAHeaderRowIsNamedAsSuchWithoutEchoingItsFirstRow() {
        String message = headerError("jane.doe@acme.example,+1 555 0100,Jane Doe,10.0.0.5,TOKEN_NOT_WORKING\n");
        assertThat(message)
                .startsWith("line 1 is not a CSV header: 5 of its 5 columns are not fields of the incident contract, and some hold values")
                .doesNotContain("jane", "acme", "555", "0100", "Jane", "Doe", "10.0.0.5", "TOKEN_NOT_WORKING");
    }

    @Test
    void aVeryWideHeaderNamesTheFirstFewUnknownColumnsThenCounts() {
        StringBuilder header = new StringBuilder("id");
        for (int i = 0; i < 520_000; i++) {
            header.append(",c");
        }
        String message = headerError(header + "\n");
        assertThat(message).hasSizeLessThan(500)
                .startsWith("the CSV header (line 1): \"c\", \"c\", \"c\", \"c\", \"c\" and 519995 more are not fields of the incident contract");
    }

    @Test
    void aBadLineInsideAnOverlongRecordIsReportedOnItsOwn() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(("id,description\na,\"" + "x".repeat(700_000) + "\n" + "y".repeat(700_000) + "\ncaf").getBytes(StandardCharsets.UTF_8));
        in.write(0xE9);
        in.writeBytes("\"\nb,ok\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read(in.toByteArray())).extracting(CsvSourceTest::summary).containsExactly(
                "2:line 2: bad quoting: a quoted field opened on this line is not closed within the record limit of "
                        + CsvSource.MAX_RECORD_BYTES + " bytes (lines 2 to 3 are read past with it)",
                "4:line 4: invalid UTF-8 at byte 4",
                "5:b");
    }

    @Test
    void manyRecordsSpanningLinesKeepTheLineTheyStartOn(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("id,description\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append("r").append(i).append(",\"").append("line\n".repeat(19)).append("end\"\n");
        }
        Path file = dir.resolve("many.csv");
        Files.writeString(file, csv);
        List<RecordSource.Record> records = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> read(Files.newInputStream(file), ColumnMap.NONE));
        assertThat(records).hasSize(5_000);
        assertThat(records.get(4_999).line()).isEqualTo(2 + 4_999 * 20);
        assertThat(description(records.get(4_999))).isEqualTo("line\n".repeat(19) + "end");
    }
}
