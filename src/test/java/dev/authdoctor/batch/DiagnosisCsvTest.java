package dev.authdoctor.batch;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * diagnoses.csv read back with a real CSV parser, as a spreadsheet would: it holds what diagnoses.jsonl
 * holds, field by field, and no cell, nor any part of one a spreadsheet could split off, starts a formula.
 */
class DiagnosisCsvTest {

    /** What OWASP lists as the start of a formula (or, for TAB and CR, what Excel skips before one). */
    static final String LEADS = "=+-@\t\r";
    /** Where an import with another separator, or a paste, can start a new cell. */
    static final String BREAKS = ",;\t\r\n";
    /** Contexts a lead character is put in: the start of the id, and after each kind of cell break. */
    static final List<String> CONTEXTS = List.of("", " ", "x,", "x;", "x; ", "x;\"", "x,'", "x\t", "x\n", "a \"q\" ;");

    @TempDir
    static Path dir;
    static List<CSVRecord> csv;
    static List<JsonNode> json;
    static String csvText;
    static List<String> hostileIds = new ArrayList<>();

    @BeforeAll
    static void runABatchOverHostileIdsAndTheExamples() throws IOException {
        for (char lead : LEADS.toCharArray()) {
            for (String context : CONTEXTS) {
                hostileIds.add(context + lead + "cmd|' /C calc'!A0");
            }
        }
        hostileIds.addAll(List.of("\u0000=1+1", "\u0001x", "x\u007fy\u0085z", "'=already quoted", "say \"hi\"", "-", "@", "=", "plain"));
        StringBuilder input = new StringBuilder("id,symptom,error.message\n");
        for (String id : hostileIds) {
            input.append('"').append(id.replace("\"", "\"\"")).append("\",OTHER,\"=HYPERLINK(\"\"http://evil.example\"\")\"\n");
        }
        Path hostile = Files.writeString(dir.resolve("hostile.csv"), input);
        Batch.Result r = BatchTest.run(dir.resolve("out"), 2, hostile.toString(), "examples/incidents.csv");
        assertThat(r.summary().rejected()).as("the example file holds one bad record").isEqualTo(1);
        csvText = Files.readString(dir.resolve("out").resolve(Batch.DIAGNOSES_CSV));
        csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csvText)).getRecords();
        json = BatchTest.lines(dir.resolve("out").resolve(Batch.DIAGNOSES));
    }

    /** Undoes the defusing: drops the single quote put before a formula character at the start of a part. */
    static String undefuse(String cell) {
        StringBuilder out = new StringBuilder();
        boolean partStart = true;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (partStart && c == '\'' && i + 1 < cell.length() && LEADS.indexOf(cell.charAt(i + 1)) >= 0) {
                continue; // the quote the writer added
            }
            out.append(c);
            partStart = BREAKS.indexOf(c) >= 0 || (partStart && (c == ' ' || c == '"' || c == '\''));
        }
        return out.toString();
    }

    /** Control characters other than TAB, CR and LF become U+FFFD in a spreadsheet cell. */
    static String visible(String s) {
        return s.codePoints().map(c -> Character.getType(c) == Character.CONTROL && c != '\t' && c != '\r' && c != '\n' ? 0xFFFD : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asString();
    }

    @Test
    void everyRowHoldsWhatDiagnosesJsonlHoldsFieldByField() {
        assertThat(csv).hasSize(json.size());
        assertThat(json).hasSize(hostileIds.size() + 14);
        assertThat(csv.get(0).getParser().getHeaderNames()).containsExactly(
                "incidentId", "outcome", "problems", "causes", "escalationContact", "escalationCondition", "escalationDueNow", "plan");
        for (int i = 0; i < json.size(); i++) {
            JsonNode d = json.get(i);
            CSVRecord row = csv.get(i);
            JsonNode e = d.get("escalation");
            List<JsonNode> problems = new ArrayList<>();
            d.get("problems").forEach(problems::add);
            List<JsonNode> steps = new ArrayList<>();
            d.get("steps").forEach(steps::add);
            String[] expected = {
                    visible(text(d.get("incidentId"))),
                    d.get("outcome").asString(),
                    problems.stream().map(p -> p.get("id").asString()).collect(Collectors.joining(";")),
                    problems.stream().flatMap(p -> { List<String> c = new ArrayList<>(); p.get("causes").forEach(x -> c.add(x.asString())); return c.stream(); })
                            .collect(Collectors.joining(";")),
                    e.isNull() ? "" : e.get("contact").asString(),
                    e.isNull() ? "" : e.get("condition").asString(),
                    e.isNull() ? "" : Boolean.toString(e.get("now").asBoolean()),
                    steps.stream().map(s -> s.get("order").asInt() + ". " + s.get("actor").asString() + ": " + s.get("text").asString())
                            .collect(Collectors.joining(" | "))};
            assertThat(row.size()).as("row %d", i + 1).isEqualTo(expected.length);
            for (int f = 0; f < expected.length; f++) {
                assertThat(undefuse(row.get(f))).as("row %d, %s", i + 1, row.getParser().getHeaderNames().get(f)).isEqualTo(expected[f]);
            }
        }
        assertThat(json).extracting(n -> n.get("incidentId").asString()).startsWith(hostileIds.toArray(String[]::new));
        assertThat(json.get(hostileIds.size()).get("steps")).as("the examples have plans to compare").isNotEmpty();
    }

    @Test
    void noCellNorAnyPartOfOneAfterACellBreakStartsWithAFormulaCharacter() {
        for (CSVRecord row : csv) {
            for (String cell : row) {
                boolean partStart = true;
                for (int i = 0; i < cell.length(); i++) {
                    char c = cell.charAt(i);
                    boolean defused = i > 0 && cell.charAt(i - 1) == '\''; // a spreadsheet reads '=... as text
                    assertThat(partStart && LEADS.indexOf(c) >= 0 && !defused).as("%s at %d of %s", (int) c, i, cell).isFalse();
                    assertThat(Character.getType(c) == Character.CONTROL && c != '\t' && c != '\r' && c != '\n')
                            .as("control character %d in %s", (int) c, cell).isFalse();
                    partStart = BREAKS.indexOf(c) >= 0 || (partStart && (c == ' ' || c == '"' || c == '\''));
                }
            }
        }
        assertThat(csv).extracting(r -> r.get(0)).contains("'=cmd|' /C calc'!A0", "x;'@cmd|' /C calc'!A0", "x; '-cmd|' /C calc'!A0",
                "'\tcmd|' /C calc'!A0", "'\rcmd|' /C calc'!A0", "\uFFFD=1+1", "'-", "'@", "'=", "plain");
    }

    @Test
    void aSpreadsheetSplittingAtAnySeparatorAndIgnoringQuotesFindsNoFormulaEither() {
        // an import told to split at ; or TAB, or one that ignores quoting, sees these parts as cells
        for (String part : csvText.split("[,;\t\r\n]")) {
            String lead = part.replaceFirst("^[ \"]+", "");
            assertThat(!lead.isEmpty() && LEADS.indexOf(lead.charAt(0)) >= 0).as("a cell \"%s\"", part).isFalse();
        }
    }

    @Test
    void everyCellIsQuotedWithItsQuotesDoubled() {
        String rows = csvText.substring(DiagnosisCsv.HEADER.length());
        java.util.regex.Matcher cell = java.util.regex.Pattern.compile("\\G\"(?:[^\"]++|\"\")*+\"(?:,|\n)").matcher(rows);
        int end = 0;
        while (cell.find()) {
            end = cell.end();
        }
        assertThat(end).as("quoted cells up to the end; the first unquoted one is near: %s",
                rows.substring(end, Math.min(rows.length(), end + 80))).isEqualTo(rows.length());
        assertThat(rows).contains("\"say \"\"hi\"\"\"");
    }

    @Test
    void aRowOfAHandMadeDiagnosisIsExactlyItsCellsInOrder() {
        var d = new dev.authdoctor.api.Diagnosis("INC-1", dev.authdoctor.api.Diagnosis.Outcome.DIAGNOSED,
                List.of(new dev.authdoctor.api.Diagnosis.Problem("p-one", "One", List.of("C1", "C2"), List.of("r1")),
                        new dev.authdoctor.api.Diagnosis.Problem("p-two", "Two", List.of("C3"), List.of("r2"))),
                List.of(new dev.authdoctor.api.Diagnosis.Step(1, "s1", dev.authdoctor.api.Actor.USER, "Retry", "p-one", null),
                        new dev.authdoctor.api.Diagnosis.Step(2, "s2", dev.authdoctor.api.Actor.SUPER_ADMINISTRATOR, "Unlock", "p-one", null)),
                new dev.authdoctor.api.Diagnosis.Escalation("support@entrust.com", dev.authdoctor.api.EscalationCondition.AFTER_SECOND_ATTEMPT, false, null),
                List.of(), List.of(), List.of());
        assertThat(DiagnosisCsv.row(d)).isEqualTo("\"INC-1\",\"DIAGNOSED\",\"p-one;p-two\",\"C1;C2;C3\",\"support@entrust.com\","
                + "\"AFTER_SECOND_ATTEMPT\",\"false\",\"1. USER: Retry | 2. SUPER_ADMINISTRATOR: Unlock\"\n");
        var none = new dev.authdoctor.api.Diagnosis(null, dev.authdoctor.api.Diagnosis.Outcome.NO_MATCH, List.of(), List.of(), null,
                List.of(), List.of(), List.of());
        assertThat(DiagnosisCsv.row(none)).isEqualTo("\"\",\"NO_MATCH\",\"\",\"\",\"\",\"\",\"\",\"\"\n");
    }

    @Test
    void onlyTheStartOfACellOrOfAPartAfterABreakIsDefused() {
        assertThat(DiagnosisCsv.cell("a =b")).isEqualTo("\"a =b\"");
        assertThat(DiagnosisCsv.cell("a\"=b")).isEqualTo("\"a\"\"=b\"");
        assertThat(DiagnosisCsv.cell("a'=b")).isEqualTo("\"a'=b\"");
        assertThat(DiagnosisCsv.cell("a;x=b")).isEqualTo("\"a;x=b\"");
        assertThat(DiagnosisCsv.cell("a,=b")).as("a comma is a break").isEqualTo("\"a,'=b\"");
        assertThat(DiagnosisCsv.cell("a; \"'=b")).isEqualTo("\"a; \"\"''=b\"");
        assertThat(DiagnosisCsv.cell("\t\r\n")).isEqualTo("\"'\t'\r\n\"");
        assertThat(DiagnosisCsv.cell("a\u0000=b\u001b\u0085")).as("other control characters").isEqualTo("\"a\uFFFD=b\uFFFD\uFFFD\"");
    }
}
