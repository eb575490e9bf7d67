package dev.authdoctor.rules;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static dev.authdoctor.Doctor.causes;
import static org.assertj.core.api.Assertions.assertThat;

/** The extended pack's drift rules at the extremes of the skew, as an embedder may pass them (no reader bounds). */
class ExtendedTokenTimeDriftTest {

    static Troubleshooter doctor;

    @BeforeAll
    static void load() {
        doctor = Troubleshooter.builder().addPack(Path.of("packs/idaas-extended")).build();
    }

    @AfterAll
    static void close() {
        doctor.close();
    }

    @ParameterizedTest(name = "skew {0} s")
    @CsvSource({
            "-315576000, BEYOND_RESYNC_WINDOW",
            "315576000, BEYOND_RESYNC_WINDOW",
            "-3601, BEYOND_RESYNC_WINDOW",
            "-3600, WITHIN_RESYNC_WINDOW",
            "-301, WITHIN_RESYNC_WINDOW"})
    void aDriftIsWithinOrBeyondTheResyncWindowWhateverItsSign(int skew, String cause) {
        Diagnosis d = doctor.diagnose(Incident.builder("drift").symptom(Symptom.TOKEN_NOT_WORKING)
                .device(dv -> dv.clockSkewSeconds(skew)).build());
        assertThat(d.problemIds()).contains("token-not-working", "token-time-drift");
        assertThat(d.problemIds()).first().isEqualTo("token-time-drift"); // it refines row 9 found with CLOCK_DRIFT alone
        assertThat(causes(d)).containsExactly(cause, "CLOCK_DRIFT");
    }
}
