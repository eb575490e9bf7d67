package dev.authdoctor.batch;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.authdoctor.batch.BatchResumeTest.assertSameResults;
import static dev.authdoctor.batch.BatchResumeTest.options;
import static dev.authdoctor.batch.BatchResumeTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A resume checks its state against the outputs and the inputs instead of trusting it: a damaged, edited
 * or outrun state, or a different input under the same name, is refused with a message that says how to
 * start over, and never gives a wrong result.
 */
class BatchStateTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    List<String> inputs;
    Path clean;
    /** A run stopped part-way: in the second input, with records of both written. */
    Path stopped;

    @BeforeEach
    void stopARun() throws Exception {
        inputs = BatchResumeTest.inputs(dir);
        clean = dir.resolve("clean");
        run(options(inputs, clean, false));
        Path live = dir.resolve("live");
        stopped = dir.resolve("stopped");
        new Batch(options(inputs, live, false), dev.authdoctor.Doctor.DOCTOR).probe((instant, records) -> {
            if (Batch.Probe.STATE_SAVED.equals(instant) && records > BatchResumeTest.JSONL_RECORDS + 10 && !Files.exists(stopped)) {
                BatchResumeTest.copy(live, stopped);
            }
        }).run(BatchTest.NO_STDIN);
        assertThat(state(stopped).get("summary").get("read").asLong()).isBetween(BatchResumeTest.JSONL_RECORDS + 11L, BatchResumeTest.JSONL_RECORDS + BatchResumeTest.CSV_RECORDS - 1L);
    }

    static ObjectNode state(Path folder) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(folder.resolve(Batch.STATE)));
    }

    /** A copy of the stopped run with its state edited. */
    Path withState(String name, Consumer<ObjectNode> edit) throws IOException {
        Path copy = dir.resolve(name);
        BatchResumeTest.copy(stopped, copy);
        ObjectNode s = state(copy);
        edit.accept(s);
        Files.writeString(copy.resolve(Batch.STATE), s.toString());
        return copy;
    }

    Batch.BatchException refusal(Path folder) {
        Map<String, Long> before = sizes(folder);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> run(options(inputs, folder, true)));
        assertThat(t).as(folder + ": resumed instead of refused").isInstanceOf(Batch.BatchException.class);
        assertThat(sizes(folder)).as("a refused resume changes no file").isEqualTo(before);
        assertThat(folder.resolve(Batch.SUMMARY)).doesNotExist();
        return (Batch.BatchException) t;
    }

    static Map<String, Long> sizes(Path folder) {
        Map<String, Long> m = new java.util.TreeMap<>();
        for (String f : List.of(Batch.DIAGNOSES, Batch.REJECTS, Batch.DIAGNOSES_CSV)) {
            try {
                m.put(f, Files.exists(folder.resolve(f)) ? Files.size(folder.resolve(f)) : -1L);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return m;
    }

    @Test
    void theStoppedRunItselfResumesToTheCleanResult() throws Exception {
        run(options(inputs, stopped, true));
        assertSameResults(clean, stopped);
    }

    @Test
    void aDamagedStateFileIsSaidToBeDamagedNamingTheFileAndHowToStartOver() throws Exception {
        Map<String, byte[]> damage = new java.util.LinkedHashMap<>();
        damage.put("cut", Files.readString(stopped.resolve(Batch.STATE)).substring(0, 100).getBytes(StandardCharsets.UTF_8));
        damage.put("empty", new byte[0]);
        damage.put("binary", new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 1});
        damage.put("list", "[]".getBytes(StandardCharsets.UTF_8));
        damage.put("bare", "{\"format\":2}".getBytes(StandardCharsets.UTF_8));
        damage.put("negative", state(stopped).deepCopy().<ObjectNode>set("summary",
                ((ObjectNode) state(stopped).get("summary")).put("read", -5)).toString().getBytes(StandardCharsets.UTF_8));
        damage.put("text-count", state(stopped).deepCopy().<ObjectNode>set("summary",
                ((ObjectNode) state(stopped).get("summary")).put("rejected", "7")).toString().getBytes(StandardCharsets.UTF_8));
        damage.put("bad-hash", state(stopped).deepCopy().<ObjectNode>set("inputs",
                JSON.createArrayNode().add(JSON.createObjectNode().put("bytes", 5).put("sha256", "zz").put("whole", true)))
                .toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> d : damage.entrySet()) {
            Path copy = dir.resolve("damaged-" + d.getKey());
            BatchResumeTest.copy(stopped, copy);
            Files.write(copy.resolve(Batch.STATE), d.getValue());
            Batch.BatchException resume = refusal(copy);
            assertThat(resume.getMessage()).as(d.getKey())
                    .contains(copy.resolve(Batch.STATE).toString()).contains("is damaged").contains("--restart")
                    .doesNotContain("Jackson", "jackson", "Exception", "Unexpected", "at [Source");
            assertThat(resume.isUsage()).isFalse();
            assertThatThrownBy(() -> run(options(inputs, copy, false))).as("a plain rerun says so too")
                    .hasMessageContaining("is damaged").hasMessageContaining("--restart");
            if (d.getKey().equals("cut")) {
                run(options(inputs, copy, false).withRestart(true));
                assertSameResults(clean, copy);
            }
        }
    }

    @Test
    void aDifferentInputWithTheSameNameSizeAndTimeIsRefused() throws Exception {
        Path first = Path.of(inputs.get(0));
        byte[] original = Files.readAllBytes(first);
        FileTime time = Files.getLastModifiedTime(first);
        byte[] forged = original.clone();
        int at = new String(original, StandardCharsets.ISO_8859_1).indexOf("INC1") + 9;
        forged[at] = (byte) (original[at] == '7' ? '8' : '7'); // another incident id, same size
        Files.write(first, forged);
        Files.setLastModifiedTime(first, time);
        assertThat(Files.size(first)).isEqualTo(original.length);
        assertThat(refusal(stopped).getMessage()).contains(first.toString()).contains("is not the file the stopped run read")
                .contains("--restart");

        Files.write(first, java.util.Arrays.copyOf(original, original.length - 10));
        assertThat(refusal(stopped).getMessage()).contains("shorter than the");

        Files.write(first, (new String(original, StandardCharsets.UTF_8) + "{\"id\":\"late\"}\n").getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(stopped).getMessage()).as("an input read whole that grew since")
                .contains("changed since the stopped run read all of it");

        Files.write(first, original);
        run(options(inputs, stopped, true));
        assertSameResults(clean, stopped);
    }

    @Test
    void editedCountsOrLengthsAreRefused() throws Exception {
        long diagnosesLength = state(stopped).get("lengths").get(Batch.DIAGNOSES).asLong();
        String diagnoses = Files.readString(stopped.resolve(Batch.DIAGNOSES));
        long earlierLine = diagnoses.substring(0, (int) diagnosesLength - 1).lastIndexOf('\n') + 1;
        record Edit(String name, Consumer<ObjectNode> edit, String said) {
        }
        List<Edit> edits = List.of(
                new Edit("more-read", s -> bump(s, "read", 5), "counts do not add up"),
                new Edit("more-diagnosed", s -> {
                    bump(s, "read", 1);
                    bump(s, "diagnosed", 1);
                    ObjectNode per = (ObjectNode) s.get("summary").get("recordsPerInput");
                    per.put(inputs.get(1), per.get(inputs.get(1)).asLong() + 1);
                }, "lines in its first"),
                new Edit("fewer-rejected", s -> {
                    bump(s, "read", -1);
                    bump(s, "rejected", -1);
                    ObjectNode per = (ObjectNode) s.get("summary").get("recordsPerInput");
                    per.put(inputs.get(0), per.get(inputs.get(0)).asLong() - 1);
                }, Batch.REJECTS + " holds"),
                new Edit("longer", s -> lengths(s).put(Batch.DIAGNOSES, diagnosesLength + 1_000_000), "bytes of it were written"),
                new Edit("mid-line", s -> lengths(s).put(Batch.DIAGNOSES, diagnosesLength - 5), "does not end with a whole line"),
                new Edit("earlier-line", s -> lengths(s).put(Batch.DIAGNOSES, earlierLine), "lines in its first"),
                new Edit("no-csv", s -> lengths(s).remove(Batch.DIAGNOSES_CSV), Batch.DIAGNOSES_CSV));
        for (Edit e : edits) {
            Path copy = withState(e.name(), e.edit());
            assertThat(refusal(copy).getMessage()).as(e.name()).contains(e.said()).contains("--restart");
        }
        Path cut = dir.resolve("file-cut");
        BatchResumeTest.copy(stopped, cut);
        Files.writeString(cut.resolve(Batch.REJECTS), "");
        assertThat(refusal(cut).getMessage()).as("an output shorter than its state (as after a crash without fsync)")
                .contains(Batch.REJECTS).contains("reached the disk");
    }

    @Test
    void aCompleteRunWhoseResultsWereEditedIsNotPassedOff() throws Exception {
        Path copy = dir.resolve("complete");
        BatchResumeTest.copy(clean, copy);
        String d = Files.readString(copy.resolve(Batch.DIAGNOSES));
        Files.writeString(copy.resolve(Batch.DIAGNOSES), d.substring(0, d.lastIndexOf('\n', d.length() - 2) + 1));
        Files.delete(copy.resolve(Batch.SUMMARY));
        assertThat(refusal(copy).getMessage()).contains(Batch.DIAGNOSES);
    }

    @Test
    void aFolderWithResultsButNoStateSaysToRestart() throws Exception {
        Files.delete(stopped.resolve(Batch.STATE));
        assertThatThrownBy(() -> run(options(inputs, stopped, false))).hasMessageContaining("no state").hasMessageContaining("--restart");
        assertThatThrownBy(() -> run(options(inputs, stopped, true))).hasMessageContaining("nothing to resume")
                .hasMessageContaining("--restart");
        run(options(inputs, stopped, false).withRestart(true));
        assertSameResults(clean, stopped);
        assertThatThrownBy(() -> options(inputs, stopped, true).withRestart(true)).isInstanceOf(IllegalArgumentException.class);
    }

    static void bump(ObjectNode state, String count, long by) {
        ObjectNode s = (ObjectNode) state.get("summary");
        s.put(count, s.get(count).asLong() + by);
    }

    static ObjectNode lengths(ObjectNode state) {
        return (ObjectNode) state.get("lengths");
    }
}
