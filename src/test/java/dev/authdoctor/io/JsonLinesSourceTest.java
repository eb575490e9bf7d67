package dev.authdoctor.io;

import dev.authdoctor.incident.ReadResult;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every input line gives exactly one record, numbered, whatever is wrong with it. */
class JsonLinesSourceTest {

    static List<RecordSource.Record> read(byte[] input) {
        List<RecordSource.Record> out = new ArrayList<>();
        JsonLinesSource source = new JsonLinesSource(new ByteArrayInputStream(input), new IncidentReader());
        RecordSource.Record r;
        while ((r = source.next()) != null) {
            out.add(r);
        }
        return out;
    }

    static List<RecordSource.Record> read(String input) {
        return read(input.getBytes(StandardCharsets.UTF_8));
    }

    static String summary(RecordSource.Record r) {
        return r.line() + ":" + (r.result() instanceof ReadResult.Accepted a ? a.incident().id()
                : String.join(";", ((ReadResult.Rejected) r.result()).errors()));
    }

    @Test
    void badLinesAreRejectedWithTheirNumberAndGoodLinesAroundThemAreRead() {
        List<RecordSource.Record> records = read("""
                {"id":"a"}

                {"id":"b","user":{"state":"ENABLED"}}
                {"id":"c"}
                garbage
                {"id":"d"}
                """);
        assertThat(records).extracting(JsonLinesSourceTest::summary).containsExactly(
                "1:a",
                "2:line 2: empty line, expected a JSON object",
                "3:line 3: user.state: \"ENABLED\" is not one of ACTIVE, INACTIVE",
                "4:c",
                "5:line 5: not valid JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (column 1)",
                "6:d");
    }

    @Test
    void windowsLineEndingsAByteOrderMarkAndAMissingFinalNewlineAreFine() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(bom);
        in.writeBytes("{\"id\":\"a\"}\r\n{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(read(in.toByteArray())).extracting(JsonLinesSourceTest::summary).containsExactly("1:a", "2:b");
    }

    @Test
    void invalidUtf8CostsOnlyItsOwnLine() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("{\"id\":\"a\"}\n{\"id\":\"".getBytes(StandardCharsets.UTF_8));
        in.write(0xC3); // a lead byte with no continuation
        in.writeBytes("\"}\n{\"id\":\"c\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read(in.toByteArray())).extracting(JsonLinesSourceTest::summary).containsExactly(
                "1:a", "2:line 2: invalid UTF-8 at byte 8", "3:c");
    }

    @Test
    void anOverlongLineIsRejectedWithoutBeingKept() {
        String big = "{\"id\":\"" + "x".repeat(LineSource.DEFAULT_MAX_LINE_BYTES) + "\"}";
        assertThat(read("{\"id\":\"a\"}\n" + big + "\n{\"id\":\"c\"}\n")).extracting(JsonLinesSourceTest::summary)
                .containsExactly("1:a", "2:line 2: line is " + big.length() + " bytes long, over the limit of 1048576", "3:c");
    }

    @Test
    void aSinglePrettyPrintedObjectIsOneRecord() {
        assertThat(read("""
                {
                  "id": "pretty",
                  "symptom": "TOKEN_NOT_WORKING"
                }
                """)).extracting(JsonLinesSourceTest::summary).containsExactly("1:pretty");
    }

    @Test
    void aTruncatedFirstLineFollowedByGoodLinesLosesOnlyItself() {
        assertThat(read("""
                {"id":"a",
                {"id":"b"}
                {"id":"c"}
                """)).extracting(r -> r.line() + ":" + (r.result() instanceof ReadResult.Accepted a ? a.incident().id() : "rejected"))
                .containsExactly("1:rejected", "2:b", "3:c");
    }

    @Test
    void anEmptyInputHasNoRecords() {
        assertThat(read("")).isEmpty();
    }
}
