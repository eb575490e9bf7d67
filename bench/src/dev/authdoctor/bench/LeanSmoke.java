package dev.authdoctor.bench;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.RulePackException;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an embedder does, on whatever class path it is run with: every example diagnosed and explained, a
 * why-not, and a pack (args[0], a folder or an archive) added. Prints one line per step; bench/embedding.sh runs it on
 * the lean class path, where the DRL pack must be refused naming the artifacts it needs.
 */
public final class LeanSmoke {
    public static void main(String[] args) throws Exception {
        IncidentReader reader = new IncidentReader();
        List<String> lines = Files.readAllLines(Path.of("examples/incidents.jsonl"));
        try (Troubleshooter doctor = Troubleshooter.create()) {
            for (String line : lines) {
                Incident i = ((ReadResult.Accepted) reader.read(line)).incident();
                Diagnosis d = doctor.diagnose(i);
                Diagnosis e = doctor.explain(i);
                System.out.println(i.id() + " " + d.outcome() + " " + d.steps().size() + " steps; explained " + e.problems().size());
            }
            Incident first = ((ReadResult.Accepted) reader.read(lines.get(0))).incident();
            System.out.println("why not: " + doctor.whyNot("ga-invalid-key", first).diagnosed());
        }
        if (args.length > 0) {
            try (Troubleshooter withDrl = Troubleshooter.builder().addPack(Path.of(args[0])).build()) {
                System.out.println("pack loaded: " + withDrl.rulePacks());
            } catch (RulePackException e) {
                System.out.println("pack refused: " + e.getMessage());
            }
        }
    }
}
