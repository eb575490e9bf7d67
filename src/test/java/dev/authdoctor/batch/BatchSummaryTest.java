package dev.authdoctor.batch;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.EscalationCondition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The summary's own arithmetic, on hand-made diagnoses: what a whole batch run checks only in sum (counts,
 * the cap on distinct messages, the top list, reconciliation, a damaged state), checked here one by one.
 */
class BatchSummaryTest {

    private static Diagnosis diagnosed(Diagnosis.Escalation e, String... causes) {
        return new Diagnosis("i", Diagnosis.Outcome.DIAGNOSED, List.of(new Diagnosis.Problem("token-not-working", "t", List.of(causes), List.of("r"))),
                List.of(), e, List.of(), List.of(), List.of());
    }

    private static Diagnosis noMatch() {
        return new Diagnosis("i", Diagnosis.Outcome.NO_MATCH, List.of(), List.of(), null, List.of(), List.of(), List.of());
    }

    private static final Diagnosis.Escalation NOW = new Diagnosis.Escalation("s@x", EscalationCondition.IMMEDIATE, true, null);
    private static final Diagnosis.Escalation LATER = new Diagnosis.Escalation("s@x", EscalationCondition.AFTER_SECOND_ATTEMPT, false, null);

    /** A message of letters only, distinct for each n, so masking leaves it distinct. */
    private static String message(int n) {
        StringBuilder word = new StringBuilder();
        for (int i = n; ; i = i / 26 - 1) {
            word.append((char) ('a' + i % 26));
            if (i < 26) {
                break;
            }
        }
        return "failure " + word;
    }

    @Test
    void eachOutcomeProblemCauseAndEscalationIsCountedOnce() {
        BatchSummary s = new BatchSummary();
        s.count("a.jsonl", diagnosed(NOW, "CLOCK_DRIFT", "USER_LOCKED"), null);
        s.count("a.jsonl", diagnosed(LATER, "CLOCK_DRIFT"), null);
        s.count("b.csv", diagnosed(null), null);
        s.count("b.csv", noMatch(), "The OTP could not be delivered.");
        s.count("b.csv", Diagnosis.rejected("r", List.of("line 3: bad")), null);
        assertThat(List.of(s.read(), s.diagnosed(), s.noMatch(), s.rejected(), s.escalationsDueNow())).containsExactly(5L, 3L, 1L, 1L, 1L);
        assertThat(s.problems()).containsExactly(Map.entry("token-not-working", 3L));
        ObjectNode json = s.toJson(List.of("p 1"), 2, true);
        assertThat(json.get("causes").toString()).isEqualTo("{\"CLOCK_DRIFT\":2,\"USER_LOCKED\":1}");
        assertThat(json.get("escalations").toString())
                .isEqualTo("{\"dueNow\":1,\"notYetDue\":1,\"none\":2,\"byCondition\":{\"AFTER_SECOND_ATTEMPT\":1,\"IMMEDIATE\":1}}");
        assertThat(json.get("recordsPerInput").toString()).isEqualTo("{\"a.jsonl\":2,\"b.csv\":3}");
        assertThat(json.get("topUnrecognisedMessages").toString()).isEqualTo("[{\"message\":\"the otp could not be delivered\",\"count\":1}]");
        assertThat(s.reconcile(Map.of(Batch.DIAGNOSES, 4L, Batch.REJECTS, 1L, Batch.DIAGNOSES_CSV, 5L))).isNull();
    }

    @Test
    void copiesOfAMessageDifferingInCaseSpacingQuotesOrAFullStopAreOne() {
        BatchSummary s = new BatchSummary();
        for (String m : List.of("Token  \u201Cexpired\u201D.", "token 'expired'", " TOKEN\u00A0\"EXPIRED\" ")) {
            s.count("in", noMatch(), m);
        }
        assertThat(s.topUnrecognised()).containsExactly(Map.entry("token expired", 3L));
        String longer = "x".repeat(250);
        assertThat(BatchSummary.normalise(longer)).isEqualTo("x".repeat(200) + "...");
        assertThat(BatchSummary.normalise("x".repeat(200))).isEqualTo("x".repeat(200));
    }

    @Test
    void aMessageSeenAgainIsCountedInTheMaskedGroupItWasFirstCountedIn() {
        BatchSummary s = new BatchSummary();
        for (int i = 0; i < 3; i++) {
            s.count("in", noMatch(), "Mail to bob@example.com bounced");
        }
        s.count("in", noMatch(), "Mail to ann@example.org bounced");
        assertThat(s.unrecognised).hasSize(1);
        assertThat(s.unrecognised.keySet().iterator().next()).doesNotContain("bob", "ann", "example");
        assertThat(s.unrecognised.values().iterator().next()).isEqualTo(4L);
    }

    @Test
    void aLongMessageIsGroupedEveryTimeWithoutBeingKeptAsTyped() {
        BatchSummary s = new BatchSummary();
        String longMessage = "Failure ".repeat(100); // 800 characters
        s.count("in", noMatch(), longMessage);
        s.count("in", noMatch(), longMessage);
        assertThat(s.unrecognised.values()).containsExactly(2L);
        assertThat(s.groupedAs).as("memory for the groups as typed is spent on short messages only").isEmpty();
        s.count("in", noMatch(), "Short failure");
        assertThat(s.groupedAs).containsOnlyKeys("Short failure");
    }

    @Test
    void pastTheCapNewMessagesCountAsOthersWhileKeptOnesStillCount() {
        BatchSummary s = new BatchSummary();
        for (int n = 0; n < BatchSummary.MAX_DISTINCT_MESSAGES + 2; n++) {
            s.count("in", noMatch(), message(n));
        }
        s.count("in", noMatch(), message(0));
        assertThat(s.unrecognised).hasSize(BatchSummary.MAX_DISTINCT_MESSAGES);
        assertThat(s.unrecognisedOthers).isEqualTo(2);
        assertThat(s.unrecognised.get(message(0))).isEqualTo(2);
        assertThat(s.toState().get("unrecognisedOthers").asLong()).isEqualTo(2);
    }

    @Test
    void theTopListHoldsTheTwentyMostFrequentMostFrequentFirstTiesByText() {
        BatchSummary s = new BatchSummary();
        for (int n = 0; n < 25; n++) {
            for (int copies = 0; copies <= n % 5; copies++) {
                s.count("in", noMatch(), message(n));
            }
        }
        List<Map.Entry<String, Long>> top = s.topUnrecognised();
        assertThat(top).hasSize(BatchSummary.TOP_MESSAGES);
        assertThat(top.get(0)).isEqualTo(Map.entry("failure e", 5L));
        assertThat(top).extracting(Map.Entry::getValue).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(top).as("the five messages seen once are the ones left out").noneMatch(e -> e.getValue() == 1L);
        assertThat(top.subList(0, 5)).extracting(Map.Entry::getKey).isSorted();
    }

    @Test
    void reconciliationNamesWhatDoesNotAddUp() {
        BatchSummary s = new BatchSummary();
        s.count("in", diagnosed(NOW), null);
        s.count("in", noMatch(), null);
        s.read++;
        assertThat(s.reconciles()).isFalse();
        assertThat(s.reconcile(Map.of())).isEqualTo("3 read, but diagnosed 1 + no match 1 + rejected 0 = 2");
        s.read--;
        s.recordsPerInput.put("other", 1L);
        assertThat(s.reconcile(Map.of())).isEqualTo("2 read, but the inputs' counts add up to 3");
        s.recordsPerInput.remove("other");
        BatchSummary withReject = new BatchSummary();
        withReject.count("in", Diagnosis.rejected("r", List.of("line 1: bad")), null);
        withReject.read++;
        assertThat(withReject.reconcile(Map.of())).isEqualTo("2 read, but diagnosed 0 + no match 0 + rejected 1 = 1");
        s.escalationsLater = 2;
        assertThat(s.reconcile(Map.of())).isEqualTo("3 escalations for 2 diagnoses");
        s.escalationsLater = 1;
        assertThat(s.reconcile(Map.of(Batch.DIAGNOSES, 2L, Batch.REJECTS, 0L))).as("two escalations for two diagnoses are fine").isNull();
        assertThat(s.reconcile(Map.of(Batch.DIAGNOSES, 2L, Batch.REJECTS, 0L, Batch.DIAGNOSES_CSV, 2L)))
                .isEqualTo(Batch.DIAGNOSES_CSV + " holds 2 lines, but the counts call for 3");
        assertThat(s.reconcile(Map.of(Batch.DIAGNOSES, 2L, Batch.REJECTS, 0L, Batch.DIAGNOSES_CSV, 3L))).isNull();
        assertThat(s.reconcile(Map.of(Batch.DIAGNOSES, 1L, Batch.REJECTS, 0L)))
                .isEqualTo(Batch.DIAGNOSES + " holds 1 lines, but the counts call for 2");
    }

    @Test
    void aStateRoundTripsAndADamagedOneIsRefusedNamingTheCount() {
        BatchSummary s = new BatchSummary();
        s.count("a.jsonl", diagnosed(NOW, "CLOCK_DRIFT"), null);
        s.count("a.jsonl", noMatch(), "odd message");
        s.durationMillis = 1500;
        ObjectNode state = s.toState();
        assertThat(BatchSummary.fromState(state).toState()).isEqualTo(state);
        assertThat(BatchSummary.fromState(state).toJson(List.of(), 1, true).get("durationSeconds").asDouble()).isEqualTo(1.5);
        for (String count : List.of("read", "diagnosed", "noMatch", "rejected", "escalationsDueNow", "escalationsLater",
                "unrecognisedOthers", "durationMillis")) {
            for (var bad : List.<java.util.function.Consumer<ObjectNode>>of(o -> o.remove(count), o -> o.put(count, -1), o -> o.put(count, 1.5),
                    o -> o.put(count, "1"), o -> o.put(count, new java.math.BigInteger("99999999999999999999")))) {
                ObjectNode damaged = state.deepCopy();
                bad.accept(damaged);
                assertThatThrownBy(() -> BatchSummary.fromState(damaged)).as(count)
                        .hasMessage("summary." + count + " is not a whole number of 0 or more");
            }
        }
        assertThat(BatchSummary.fromState(state.deepCopy().put("read", 0)).read()).as("0 is a count").isZero();
        ObjectNode zero = state.deepCopy();
        ((ObjectNode) zero.get("causes")).put("CLOCK_DRIFT", 0);
        assertThat(BatchSummary.fromState(zero).toState().get("causes").get("CLOCK_DRIFT").asLong()).isZero();
        for (String counts : List.of("problems", "causes", "escalationConditions", "unrecognised", "recordsPerInput")) {
            ObjectNode missing = state.deepCopy();
            missing.remove(counts);
            assertThatThrownBy(() -> BatchSummary.fromState(missing)).hasMessage("summary." + counts + " is not an object");
            ObjectNode notObject = state.deepCopy().put(counts, 3);
            assertThatThrownBy(() -> BatchSummary.fromState(notObject)).hasMessage("summary." + counts + " is not an object");
            for (var bad : List.<java.util.function.Consumer<ObjectNode>>of(o -> o.put("k", -1), o -> o.put("k", 1.5), o -> o.put("k", "1"),
                    o -> o.put("k", new java.math.BigInteger("99999999999999999999")))) {
                ObjectNode damaged = state.deepCopy();
                bad.accept(damaged.putObject(counts));
                assertThatThrownBy(() -> BatchSummary.fromState(damaged)).as(counts)
                        .hasMessage("summary." + counts + ".k is not a whole number of 0 or more");
            }
        }
        assertThatThrownBy(() -> BatchSummary.fromState(tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode()))
                .hasMessage("summary is not an object");
    }
}
