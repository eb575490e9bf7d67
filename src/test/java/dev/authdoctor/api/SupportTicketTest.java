package dev.authdoctor.api;

import dev.authdoctor.incident.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.incident;
import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Escalation tickets: everything support needs, and no address or user id unless asked. */
class SupportTicketTest {

    static final String LOCKED = """
            {"id":"INC-7","symptom":"TOKEN_NOT_WORKING","remediationAttempts":1,
             "description":"Jane (jane.doe@example.com, user jdoe42) cannot log in; her manager bob@corp.example agrees",
             "error":{"message":"Login failed for jdoe42"},
             "user":{"id":"jdoe42","email":"jane.doe@example.com","locked":true}}""";

    @Test
    void aRedactedTicketCarriesTheCaseButNoAddressOrId() {
        Incident i = incident(LOCKED);
        String t = SupportTicket.draft(i, DOCTOR.explain(i), SupportTicket.Redaction.withKey("org-secret"));
        assertThat(t).doesNotContain("jane.doe@example.com", "bob@corp.example", "jdoe42");
        assertThat(t).contains("j***@example.com", "b***@corp.example")
                .contains("Subject: [INC-7] The token does not work")
                .contains("causes: USER_LOCKED")
                .contains("Steps already tried:\n- the plan below was tried 1 time(s) without success")
                .contains("1. SUPER_ADMINISTRATOR: Unlock the user's account")
                .contains("row09-cause-user-locked (row 9): problem token-not-working recognised; user.locked = true")
                .contains("support@entrust.com");
        String pseudonym = SupportTicket.Redaction.withKey("org-secret").id("jdoe42");
        assertThat(pseudonym).matches("user-[0-9a-f]{12}");
        assertThat(t).contains("user.id = \"" + pseudonym + "\"").contains("Login failed for " + pseudonym);
        assertThat(SupportTicket.Redaction.withKey("another").id("jdoe42")).isNotEqualTo(pseudonym);
    }

    @Test
    void withoutRedactionTheTicketKeepsThem() {
        Incident i = incident(LOCKED);
        assertThat(SupportTicket.draft(i, DOCTOR.explain(i), SupportTicket.Redaction.none()))
                .contains("jane.doe@example.com", "jdoe42");
    }

    @Test
    void theCommandLineWritesTicketsOnlyWhenAnEscalationIsDueNow(@TempDir Path dir) throws Exception {
        String notDue = "{\"id\":\"INC-8\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"email\":\"x@y.example\"}}";
        var out = run(LOCKED.replace("\n", "") + "\n" + notDue + "\n", "diagnose", "--ticket", dir.toString());
        assertThat(out.out()).as("--ticket writes tickets; the diagnoses stay as without it").doesNotContain("explanation");
        List<Path> tickets = Files.list(dir).toList();
        assertThat(tickets).as("a file named by a pseudonym of the incident id").singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).matches("incident-[0-9a-f]{12}\\.txt"));
        assertThat(Files.readString(tickets.get(0))).contains("Subject: [INC-7]").doesNotContain("jane.doe@example.com", "jdoe42");
        Path raw = dir.resolve("raw");
        run(LOCKED.replace("\n", "") + "\n", "diagnose", "--ticket", raw.toString(), "--no-redact");
        List<Path> rawTickets = Files.list(raw).toList();
        assertThat(rawTickets).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).doesNotContain("INC-7"));
        assertThat(Files.readString(rawTickets.get(0))).contains("jane.doe@example.com");
    }

    /** The locked user's diagnosis with another escalation, so the draft's escalation line is checked on its own. */
    private static String draftEscalated(Diagnosis.Escalation e) {
        Incident i = incident(LOCKED);
        Diagnosis d = DOCTOR.explain(i);
        Diagnosis other = new Diagnosis(d.incidentId(), d.outcome(), d.problems(), d.steps(), e, d.errors(), d.rulePacks(), d.firedRules());
        return SupportTicket.draft(i, other, SupportTicket.Redaction.withKey("k"));
    }

    @Test
    void theEscalationLineSaysWhetherItIsDueNowAndWhy() {
        assertThat(draftEscalated(new Diagnosis.Escalation("support@entrust.com", EscalationCondition.IMMEDIATE, true, "the account stays locked")))
                .contains("To: support@entrust.com\n")
                .contains("Escalated: IMMEDIATE, due now (the account stays locked)\n");
        assertThat(draftEscalated(new Diagnosis.Escalation("support@entrust.com", EscalationCondition.AFTER_SECOND_ATTEMPT, false, null)))
                .contains("Escalated: AFTER_SECOND_ATTEMPT, not yet due\n").doesNotContain("(null)");
        assertThat(draftEscalated(null)).contains("To: (no escalation)\n").doesNotContain("Escalated:");
    }

    @Test
    void noAttemptIsReportedAsNone() {
        Incident i = incident(LOCKED.replace("\"remediationAttempts\":1", "\"remediationAttempts\":0"));
        assertThat(SupportTicket.draft(i, DOCTOR.explain(i), SupportTicket.Redaction.withKey("k")))
                .contains("Steps already tried:\n- none (remediationAttempts = 0)\n");
    }

    @Test
    void aDiagnosisWithoutExplanationsListsItsRulesInTheTrace() {
        Incident i = incident(LOCKED);
        Diagnosis d = DOCTOR.diagnose(i);
        assertThat(d.problems()).allMatch(p -> p.explanations().isEmpty());
        String t = SupportTicket.draft(i, d, SupportTicket.Redaction.withKey("k"));
        assertThat(t.substring(t.indexOf("Rule trace:"))).contains("\n- " + String.join(", ", d.problems().get(0).rules()) + "\n");
    }
}
