package dev.authdoctor.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Map files: what they map, and what a bad one says. */
class ColumnMapTest {

    static Path write(Path dir, String json) throws IOException {
        return Files.writeString(dir.resolve("map.json"), json);
    }

    @Test
    void columnsAndValuesAreMapped(@TempDir Path dir) throws IOException {
        ColumnMap map = ColumnMap.read(write(dir, """
                {"columns": {"Number": "id", "Assigned to": "-"},
                 "values": {"symptom": {"Token not working": "TOKEN_NOT_WORKING"}}}
                """));
        assertThat(map.fieldFor("Number")).isEqualTo("id");
        assertThat(map.fieldFor("Assigned to")).isEqualTo(ColumnMap.IGNORE);
        assertThat(map.fieldFor(" user.state ")).as("a contract field needs no mapping").isEqualTo("user.state");
        assertThat(map.fieldFor("Caller")).isNull();
        assertThat(map.valueFor("symptom", "Token not working")).isEqualTo("TOKEN_NOT_WORKING");
        assertThat(map.valueFor("symptom", "OTHER")).isEqualTo("OTHER");
    }

    @Test
    void aDuplicateColumnIsAnErrorNamingTheKeyAndTheLine(@TempDir Path dir) throws IOException {
        Path file = write(dir, """
                {"columns": {
                  "Number": "id",
                  "Number": "description"}}
                """);
        assertThatThrownBy(() -> ColumnMap.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " line 3: duplicate key \"Number\"");
    }

    @Test
    void aDuplicateValueOrSectionIsAnErrorToo(@TempDir Path dir) throws IOException {
        Path values = write(dir, "{\"values\": {\"symptom\": {\"a\": \"OTHER\", \"a\": \"TOKEN_NOT_WORKING\"}}}");
        assertThatThrownBy(() -> ColumnMap.read(values)).hasMessageStartingWith(values + " line 1: duplicate key \"a\"");
        Path sections = write(dir, "{\"columns\": {}, \"columns\": {\"Number\": \"id\"}}");
        assertThatThrownBy(() -> ColumnMap.read(sections)).hasMessageStartingWith(sections + " line 1: duplicate key \"columns\"");
    }

    @Test
    void anUnknownTargetOrSectionIsNamed(@TempDir Path dir) throws IOException {
        Path file = write(dir, "{\"columns\": {\"Number\": \"ticket.id\"}, \"value\": {}}");
        assertThatThrownBy(() -> ColumnMap.read(file))
                .hasMessage(file + ": columns.\"Number\": \"ticket.id\" is not a field of the incident contract;"
                        + " value: unknown field (expected \"columns\" and \"values\")");
        Path broken = write(dir, "{\"columns\": ");
        assertThatThrownBy(() -> ColumnMap.read(broken)).hasMessageStartingWith(broken + " line 1: not valid JSON");
    }
}
