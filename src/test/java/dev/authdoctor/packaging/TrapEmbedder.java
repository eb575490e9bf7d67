package dev.authdoctor.packaging;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.IncidentJson;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.ReadResult;

import java.util.List;

/**
 * An embedding application in a few lines, run by {@link ShadedJarIT} in a JVM of its own: builds a
 * troubleshooter (pack phrases are YAML), reads incidents through the contract (JSON Schema), diagnoses and
 * writes JSON. First it says which jackson-annotations the class path gave it.
 */
public final class TrapEmbedder {

    private TrapEmbedder() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> annotation = Class.forName("com.fasterxml.jackson.annotation.JsonProperty");
        System.out.println("annotations from " + annotation.getProtectionDomain().getCodeSource().getLocation());
        Troubleshooter doctor = Troubleshooter.builder().build();
        ReadResult read = IncidentJson.read("{\"id\":\"T1\",\"symptom\":\"TOKEN_NOT_WORKING\",\"user\":{\"locked\":true}}");
        Diagnosis d = doctor.diagnose(((ReadResult.Accepted) read).incident());
        System.out.println("diagnosis " + DiagnosisJson.toJson(d));
        List<IncidentJson.Line> lines = IncidentJson.lines("{\"id\":\"A\"}\n{\"id\":\"B\",\"user\":{\"state\":\"ENABLED\"}}\n").toList();
        System.out.println("rejected " + ((ReadResult.Rejected) lines.get(1).result()).errors());
    }
}
