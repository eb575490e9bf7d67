package dev.authdoctor.io;

import dev.authdoctor.io.ContractSchemaCases.Case;
import dev.authdoctor.io.ContractSchemaCases.Constraint;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every constraint written in {@code incident.schema.json} is one the fast check knows: it compiles the
 * whole schema, declines a record that breaks any single constraint, and accepts one exactly at each limit.
 * A schema edit the fast check does not understand fails here (it would still be safe: such a subschema is
 * compiled to "ask the schema", but the fast path would be lost without anyone noticing).
 */
class FastContractCoverageTest {

    private static final JsonNode SCHEMA = ContractSchemaCases.schema();
    private static final JsonNode FULL = ContractSchemaCases.example(SCHEMA);

    @Test
    void theShippedSchemaCompilesWithoutAnUnknownKeyword() {
        assertThat(FastContract.shipped().unsupported()).isEmpty();
    }

    @Test
    void everyKeywordInTheSchemaIsOneTheseCasesBreak() {
        List<Constraint> constraints = ContractSchemaCases.constraints(SCHEMA);
        assertThat(constraints).extracting(Constraint::keyword).allMatch(ContractSchemaCases.CONSTRAINTS::contains);
        // Each kind of constraint the contract uses is here at least once, so the cases below are not vacuous.
        assertThat(constraints).extracting(Constraint::keyword).containsAll(ContractSchemaCases.CONSTRAINTS);
    }

    @Test
    void aRecordWithEveryFieldIsAcceptedByBoth() {
        assertThat(FULL.toString()).contains("\"resynchronized\"", "\"maxResetTimeSteps\"", "\"preferredOtpDelivery\"");
        assertThat(IncidentContract.schemaErrors(FULL)).isEmpty();
        assertThat(FastContract.accepts(FULL)).isTrue();
        assertThat(FastContract.accepts(ContractSchemaCases.MAPPER.readTree(FULL.toString()))).isTrue();
    }

    @Test
    void everyConstraintIsDeclinedWhenBrokenAndAcceptedAtItsLimit() {
        List<String> wrong = new ArrayList<>();
        int broken = 0;
        int atLimit = 0;
        for (Constraint c : ContractSchemaCases.constraints(SCHEMA)) {
            for (Case k : ContractSchemaCases.cases(c, FULL)) {
                // The case must say what the schema says, or it proves nothing about the fast check.
                boolean schemaValid = IncidentContract.schemaErrors(k.record()).isEmpty();
                if (schemaValid != k.valid()) {
                    wrong.add(k.name() + ": the schema says " + (schemaValid ? "valid" : IncidentContract.schemaErrors(k.record())));
                    continue;
                }
                boolean fast = FastContract.accepts(k.record());
                boolean fastParsed = FastContract.accepts(ContractSchemaCases.MAPPER.readTree(k.record().toString()));
                if (fast != k.valid() || fastParsed != k.valid()) {
                    wrong.add(k.name() + ": the fast check " + (fast ? "accepts" : "declines") + " it");
                }
                if (k.valid()) {
                    atLimit++;
                } else {
                    broken++;
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(broken).as("records that break one constraint").isGreaterThan(150);
        assertThat(atLimit).as("records at a limit").isGreaterThan(50);
    }

    @Test
    void aKeywordTheFastCheckDoesNotKnowMakesItDeclineThatPartAndIsReported() {
        JsonNode schema = ContractSchemaCases.MAPPER.readTree("""
                {"type":"object","properties":{"id":{"type":"string","pattern":"^INC"},"n":{"type":"number"},
                 "t":{"type":"string","format":"email"},"e":{"enum":[1,2]}}}""");
        FastContract check = FastContract.compile(schema);
        assertThat(check.unsupported()).containsExactlyInAnyOrder("#/properties/id/pattern: \"^INC\"",
                "#/properties/n/type: \"number\"", "#/properties/t/format: \"email\"", "#/properties/e/enum: [1,2]");
        assertThat(check.check(ContractSchemaCases.MAPPER.readTree("{}"))).isTrue();
        for (String declined : List.of("{\"id\":\"INC1\"}", "{\"n\":1}", "{\"t\":\"a@b.c\"}", "{\"e\":1}")) {
            assertThat(check.check(ContractSchemaCases.MAPPER.readTree(declined))).as(declined).isFalse();
        }
    }
}
