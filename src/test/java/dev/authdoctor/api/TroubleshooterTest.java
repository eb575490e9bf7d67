package dev.authdoctor.api;

import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.InvalidIncidentException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.authdoctor.Doctor.DOCTOR;
import static dev.authdoctor.Doctor.JSON;
import static dev.authdoctor.Doctor.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedder's view: one shared troubleshooter, many threads, nothing left behind. */
class TroubleshooterTest {

    static List<Incident> examples() throws Exception {
        List<Incident> all = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("examples/incidents.jsonl"))) {
            all.add(incident(line));
        }
        return all;
    }

    @Test
    void oneSharedInstanceOnEightThreadsAnswersExactlyAsASequentialRun() throws Exception {
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            incidents.addAll(examples());
        }
        List<String> sequential = incidents.stream().map(i -> JSON.toLine(DOCTOR.diagnose(i))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Incident i : incidents) {
                futures.add(pool.submit(() -> JSON.toLine(DOCTOR.diagnose(i))));
            }
            for (int k = 0; k < futures.size(); k++) {
                assertThat(futures.get(k).get()).isEqualTo(sequential.get(k));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(DOCTOR.openSessions()).as("every rule session is disposed").isZero();
    }

    @Test
    void theSameIncidentAlwaysGivesTheSameBytes() throws Exception {
        for (Incident i : examples()) {
            String first = JSON.toLine(DOCTOR.diagnose(i));
            for (int k = 0; k < 5; k++) {
                assertThat(JSON.toLine(DOCTOR.diagnose(i))).isEqualTo(first);
            }
        }
    }

    @Test
    void stepsAreNumberedOneToNWithoutGapsOrRepeats() throws Exception {
        for (Incident i : examples()) {
            Diagnosis d = DOCTOR.diagnose(i);
            for (int k = 0; k < d.steps().size(); k++) {
                assertThat(d.steps().get(k).order()).isEqualTo(k + 1);
            }
            assertThat(d.steps()).extracting(Diagnosis.Step::id).doesNotHaveDuplicates();
        }
    }

    @Test
    void anIncidentNoRuleRecognisesIsNoMatchWithAnEmptyPlan() {
        Diagnosis d = DOCTOR.diagnose(Incident.of("quiet"));
        assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.NO_MATCH);
        assertThat(d.incidentId()).isEqualTo("quiet");
        assertThat(d.problems()).isEmpty();
        assertThat(d.steps()).isEmpty();
        assertThat(d.escalation()).isNull();
    }

    @Test
    void anIncidentNeedsAnId() {
        assertThatThrownBy(() -> Incident.of(null)).isInstanceOf(InvalidIncidentException.class)
                .hasMessage("invalid incident: id: is required");
        assertThatThrownBy(() -> Troubleshooter.builder().supportContact(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itNamesTheRulePackInUse() {
        assertThat(DOCTOR.rulePacks()).containsExactly("authdoctor-builtin 1.0.0");
        assertThat(DOCTOR.supportContact()).isEqualTo("support@entrust.com");
    }
}
