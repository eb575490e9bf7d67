package dev.authdoctor.api;

import dev.authdoctor.incident.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.incident;
import static dev.authdoctor.cli.BatchCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ticket drafts and their file names carry no personal data, whatever field it is in and however it is
 * written; incident ids cannot inject header lines, overwrite another draft or write through a symlink.
 */
class TicketPrivacyTest {

    static final String UUID = "123e4567-e89b-42d3-a456-426614174000";

    /** Personal data in every field that can hold it, in the forms people write it. */
    static final String PERSONAL = ("{'id':'jane.doe@example.com','symptom':'TOKEN_NOT_WORKING','remediationAttempts':1,"
            + "'description':'The user (jürgen@müller.de, \\'jane doe\\'@acme.example, jane@[10.0.0.5]) cannot log in from 192.168.10.20 "
            + "and 2001:db8::8a2e:370:7334; call +49 170 1234567 or 07700 900123. Account JDOE42, device " + UUID + "',"
            + "'error':{'message':'Login failed for JDoe42 from 198.51.100.7'},"
            + "'user':{'id':'jdoe42','email':'jürgen@müller.de','mobile':'+44 7700 900123','phone':'+1 (415) 555-0132','locked':true},"
            + "'authenticators':[{'id':'" + UUID + "','type':'ENTRUST_SOFT_TOKEN','state':'ACTIVE'}]}")
            .replace("\\'", "\\\"").replace('\'', '"');

    static final List<String> SECRETS = List.of("jane.doe@example.com", "jürgen@müller.de", "jürgen", "jane doe", "jane@[",
            "10.0.0.5", "192.168.10.20", "2001:db8", "8a2e:370:7334", "198.51.100.7", "+49 170 1234567", "1234567",
            "07700 900123", "7700 900123", "900123", "555-0132", "(415)", "jdoe42", "123e4567", "426614174000");

    static void assertNoPersonalData(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String secret : SECRETS) {
            assertThat(lower).as("holds %s:%n%s", secret, text).doesNotContain(secret.toLowerCase(Locale.ROOT));
        }
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void noPersonalDataInAnyFieldOrForm() {
        Incident i = incident(PERSONAL);
        String t = SupportTicket.draft(i, DOCTOR.explain(i), SupportTicket.Redaction.withKey("org-secret"));
        assertNoPersonalData(t);
        String pseudonym = SupportTicket.Redaction.withKey("org-secret").id("jdoe42");
        assertThat(t).contains("user.id = \"" + pseudonym + "\"", "Login failed for " + pseudonym + " from <ip>",
                "user.mobile = \"<phone>\"", "user.phone = \"<phone>\"", "j***@müller.de", "j***@acme.example", "j***@[<ip>]",
                "call <phone> or <phone>", "Account " + pseudonym);
        assertThat(t).as("the case is still there").contains("causes: USER_LOCKED", "user.locked = true");
    }

    @Test
    void theDraftsFileNameHoldsNoIncidentId(@TempDir Path dir) throws Exception {
        var r = run(PERSONAL + "\n", "diagnose", "--ticket", dir.toString());
        assertThat(r.exit()).isZero();
        List<Path> written = files(dir);
        assertThat(written).hasSize(1);
        String name = written.get(0).getFileName().toString();
        assertThat(name).matches("incident-[0-9a-f]{12}\\.txt");
        assertNoPersonalData(name);
        assertNoPersonalData(Files.readString(written.get(0)));
    }

    @Test
    void anIdaasUsersDefaultIdIsNotInClear(@TempDir Path dir) throws Exception {
        Path user = dir.resolve("user.json");
        Files.writeString(user, "{\"id\":\"" + UUID + "\",\"userId\":\"jdoe42\",\"email\":\"jürgen@müller.de\","
                + "\"mobile\":\"+44 7700 900123\",\"phone\":\"+1 (415) 555-0132\",\"state\":\"ACTIVE\",\"locked\":true}");
        Path tickets = dir.resolve("tickets");
        var r = run("", "diagnose", "--idaas-user", user.toString(), "--symptom", "TOKEN_NOT_WORKING", "--ticket", tickets.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<Path> written = files(tickets);
        assertThat(written).hasSize(1);
        assertNoPersonalData(written.get(0).getFileName().toString());
        String t = Files.readString(written.get(0));
        assertNoPersonalData(t);
        assertThat(t).containsPattern("Subject: \\[incident-[0-9a-f]{12}\\] The token does not work");
    }

    @Test
    void theRuleTraceQuotesMessagesRedactedToo() {
        // The extended pack's message rule matches the text itself, so its trace quotes the description.
        Troubleshooter doctor = Troubleshooter.builder().addPack(Path.of("packs/idaas-extended")).build();
        Incident i = incident("""
                {"id":"INC-5","remediationAttempts":1,
                 "description":"User JDOE42 (\\"jane doe\\"@acme.example, +44 7700 900123, from 2001:db8::8a2e:370:7334) changed the password and got: Your response was invalid. Please try again.",
                 "user":{"id":"jdoe42"}}""");
        SupportTicket.Redaction r = SupportTicket.Redaction.withKey("org-secret");
        String t = SupportTicket.draft(i, doctor.explain(i), r);
        String trace = t.substring(t.indexOf("Rule trace:"));
        assertThat(trace).as("the trace quotes the message")
                .contains("description = \"User " + r.id("jdoe42") + " (j***@acme.example, <phone>, from <ip>) changed the password");
        assertNoPersonalData(t);
    }

    @Test
    void aShortUserIdReplacesWholeTokensOnly() {
        Incident i = incident("""
                {"id":"INC-7","symptom":"TOKEN_NOT_WORKING","remediationAttempts":1,
                 "description":"User 1 sees error 1001 at step 10 (code A1)",
                 "user":{"id":"1","locked":true}}""");
        SupportTicket.Redaction r = SupportTicket.Redaction.withKey("org-secret");
        String t = SupportTicket.draft(i, DOCTOR.explain(i), r);
        String pseudonym = r.id("1");
        assertThat(t).contains("User " + pseudonym + " sees error 1001 at step 10 (code A1)")
                .contains("user.id = \"" + pseudonym + "\"")
                .as("numbers that are not text are not the user id").contains("remediationAttempts = 1");
        assertThat(t).as("no 1 elsewhere replaced").doesNotContain(pseudonym + "0", pseudonym + "00");
    }

    @Test
    void aUserIdInAnotherCaseIsReplaced() {
        Incident i = incident("""
                {"id":"INC-7","symptom":"TOKEN_NOT_WORKING","error":{"message":"Account JDoe.Smith is locked"},
                 "user":{"id":"jdoe.smith","locked":true}}""");
        SupportTicket.Redaction r = SupportTicket.Redaction.withKey("org-secret");
        String t = SupportTicket.draft(i, DOCTOR.explain(i), r);
        assertThat(t.toLowerCase(Locale.ROOT)).doesNotContain("jdoe.smith");
        assertThat(t).contains("Account " + r.id("jdoe.smith") + " is locked");
    }

    @Test
    void aNewlineInTheIdCannotInjectHeaderLines(@TempDir Path dir) throws Exception {
        String hostile = "{\"id\":\"INC-1\\r\\nBcc: attacker@evil.example\\nX-Evil: 1\",\"symptom\":\"TOKEN_NOT_WORKING\","
                + "\"user\":{\"locked\":true}}";
        for (String redact : List.of("redacted", "raw")) {
            Path out = dir.resolve(redact);
            var r = redact.equals("raw") ? run(hostile + "\n", "diagnose", "--ticket", out.toString(), "--no-redact")
                    : run(hostile + "\n", "diagnose", "--ticket", out.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            List<Path> written = files(out);
            assertThat(written).hasSize(1);
            String t = Files.readString(written.get(0));
            List<String> headers = t.substring(0, t.indexOf("\n\n")).lines().toList();
            assertThat(headers).as(t).hasSize(2);
            assertThat(headers.get(0)).startsWith("To: ");
            assertThat(headers.get(1)).startsWith("Subject: ");
            assertThat(t.lines()).as("no line of the draft starts a header of its own")
                    .noneMatch(l -> l.startsWith("Bcc:") || l.startsWith("X-Evil:"));
            assertThat(t).doesNotContain("\r");
        }
    }

    @Test
    void idsThatMapToOneNameNeverOverwriteEachOther(@TempDir Path dir) throws Exception {
        String a = "{\"id\":\"a/b\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}";
        String b = "{\"id\":\"a_b\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}";
        var r = run(a + "\n" + b + "\n" + b + "\n", "diagnose", "--ticket", dir.toString(), "--no-redact");
        assertThat(r.exit()).as(r.err()).isZero();
        List<Path> written = files(dir);
        assertThat(written).as("three drafts, three files").hasSize(3);
        List<String> subjects = written.stream().map(p -> {
            try {
                return Files.readString(p).lines().skip(1).findFirst().orElseThrow();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sorted().toList();
        assertThat(subjects).containsExactly("Subject: [a/b] The token does not work when the user authenticates",
                "Subject: [a_b] The token does not work when the user authenticates",
                "Subject: [a_b] The token does not work when the user authenticates");
    }

    @Test
    void aSymlinkInTheTicketFolderIsNotFollowed(@TempDir Path dir) throws Exception {
        Path tickets = Files.createDirectory(dir.resolve("tickets"));
        Path outside = dir.resolve("outside.txt");
        Incident i = incident("{\"id\":\"INC-7\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}");
        SupportTicket.Redaction r = SupportTicket.Redaction.withKey("org-secret");
        Path planted = tickets.resolve(SupportTicket.fileName(i, r));
        Files.createSymbolicLink(planted, outside);
        Path written = SupportTicket.write(tickets, i, DOCTOR.explain(i), r);
        assertThat(outside).as("nothing written through the link").doesNotExist();
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        assertThat(written.getParent()).isEqualTo(tickets.toRealPath());
        assertThat(Files.isSymbolicLink(written)).isFalse();
        assertThat(Files.readString(written)).contains("Subject: [INC-7]");
    }

    @Test
    void thePlanIsUnderAPlanHeadingAndTriedStepsAreReportedHonestly() {
        Incident none = incident("{\"id\":\"INC-7\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}");
        String t = SupportTicket.draft(none, DOCTOR.explain(none), SupportTicket.Redaction.withKey("k"));
        assertThat(t).contains("Steps already tried:\n- none reported (remediationAttempts not given)\n")
                .contains("Plan (recommended steps, in order):\n1. SUPER_ADMINISTRATOR: Unlock the user's account");
        assertThat(t.indexOf("Steps already tried:")).isLessThan(t.indexOf("Plan (recommended"));
        Incident twice = incident("{\"id\":\"INC-8\",\"symptom\":\"TOKEN_NOT_WORKING\",\"remediationAttempts\":2,\"user\":{\"locked\":true}}");
        assertThat(SupportTicket.draft(twice, DOCTOR.explain(twice), SupportTicket.Redaction.withKey("k")))
                .contains("Steps already tried:\n- the plan below was tried 2 time(s) without success (which steps is not recorded)\n");
    }

    @Test
    void theUsersOwnAddressAndNumbersInFreeTextAreMaskedInPlace() {
        Incident i = incident("""
                {"id":"INC-9","symptom":"TOKEN_NOT_WORKING","description":"Mail jürgen@müller.de, mobile +44 7700 900123, desk +1 (415) 555-0132.",
                 "user":{"id":"jdoe42","email":"jürgen@müller.de","mobile":"+44 7700 900123","phone":"+1 (415) 555-0132","locked":true}}""");
        String t = SupportTicket.draft(i, DOCTOR.explain(i), SupportTicket.Redaction.withKey("org-secret"));
        assertThat(t).contains("description = \"Mail j***@müller.de, mobile <phone>, desk <phone>.\"");
    }

    @Test
    void anIncidentWithoutAUserIsRedactedToo() {
        Incident i = incident("""
                {"id":"INC-10","symptom":"TOKEN_NOT_WORKING","description":"Called from +44 7700 900123 at 192.168.10.20"}""");
        String t = SupportTicket.draft(i, DOCTOR.explain(i), SupportTicket.Redaction.withKey("org-secret"));
        assertThat(t).contains("description = \"Called from <phone> at <ip>\"");
        assertNoPersonalData(t);
    }

    @Test
    void aDraftThatKeepsPersonalDataKeepsTheTracesConditionsAsTheyAre() {
        Incident i = incident(PERSONAL);
        Diagnosis d = DOCTOR.explain(i);
        List<String> because = d.problems().get(0).explanations().get(0).because();
        assertThat(because).as("the trace has conditions to show").isNotEmpty();
        assertThat(SupportTicket.draft(i, d, SupportTicket.Redaction.none())).contains(": " + String.join("; ", because));
    }

    @Test
    void unredactedDraftsStillGetFileNamesNoOneCanPredict() {
        // each Redaction.none() draws its own key: a zero key would make file names a function of the incident id
        Incident i = incident(PERSONAL);
        assertThat(SupportTicket.fileName(i, SupportTicket.Redaction.none()))
                .isNotEqualTo(SupportTicket.fileName(i, SupportTicket.Redaction.none()));
    }

    @Test
    void factsShowAnEmptyListAsNoneAndEveryElementOfAList() {
        Incident empty = incident("{\"id\":\"INC-11\",\"symptom\":\"TOKEN_NOT_WORKING\",\"authenticators\":[]}");
        assertThat(SupportTicket.facts(empty, SupportTicket.Redaction.withKey("k"))).contains("authenticators = [] (none)");
        List<String> facts = SupportTicket.facts(incident(PERSONAL), SupportTicket.Redaction.withKey("k"));
        assertThat(facts).contains("authenticators[0].type = ENTRUST_SOFT_TOKEN", "authenticators[0].state = ACTIVE")
                .noneMatch(f -> f.startsWith("authenticators = "));
    }
}
