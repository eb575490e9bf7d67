package dev.authdoctor.cli;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.io.DiagnosisJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code authdoctor consult}: an interview that asks only what can still change the diagnosis. */
@Command(name = "consult",
        header = "An interview that asks only what can still change the diagnosis.", mixinStandardHelpOptions = true,
        description = {"An interactive consultation: starts from the error message or the symptom, then asks only the",
                "questions whose answers can still change the diagnosis, most decisive first. Answer 'unknown' (or press",
                "Enter) when you do not know. Ends with the plan. --answers FILE runs it from a file of answers, one",
                "'question: answer' a line (message:, symptom: and any question id; a question not in the file is unknown)."})
final class ConsultCommand extends RulesCommand implements Callable<Integer> {

    @Option(names = "--answers", paramLabel = "FILE", description = "Answers for a scripted consultation.")
    Path answersFile;

    @Option(names = "--json", description = "End with the diagnosis as one JSON line instead of the plan in words.")
    boolean json;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "consultation", description = "The incident id (default: ${DEFAULT-VALUE}).")
    String id;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> scripted = null;
        if (answersFile != null) {
            try {
                scripted = readAnswers(answersFile);
            } catch (NoSuchFileException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--answers " + answersFile + ": no such file");
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(main.stdin, StandardCharsets.UTF_8));
        Troubleshooter doctor = rules.troubleshooter(spec.commandLine());
        String message = ask(out, in, scripted, "message", "What error message did the user see? (paste it, or press Enter if none)");
        String symptom = ask(out, in, scripted, "symptom", "What was reported? One of: ST_UNLOCK_CANNOT_COMPLETE, CANNOT_LOG_IN, "
                + "ACTIVATION_EMAIL_NOT_RECEIVED, TOKEN_ACTIVATION_FAILED, TOKEN_NOT_WORKING, NEW_PASSWORD_REJECTED, OTHER (or Enter)");
        Consultation c;
        while (true) {
            try {
                c = Consultation.start(doctor, id, symptom == null ? null : symptom.toUpperCase(java.util.Locale.ROOT), message);
                break;
            } catch (IllegalArgumentException e) {
                if (scripted != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--answers: " + e.getMessage());
                }
                out.println("  " + e.getMessage());
                symptom = ask(out, in, null, "symptom", "What was reported? (or Enter)");
            }
        }
        for (Optional<Consultation.Question> q = c.next(); q.isPresent(); q = c.next()) {
            Consultation.Question question = q.get();
            String hint = question.number() ? "a number" : String.join(" / ", question.options());
            while (true) {
                String a = ask(out, in, scripted, question.id(), question.prompt() + " [" + hint + ", or unknown]");
                try {
                    c.answer(question.id(), a);
                    break;
                } catch (IllegalArgumentException e) {
                    if (scripted != null) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--answers: " + e.getMessage());
                    }
                    out.println("  " + e.getMessage());
                }
            }
        }
        Diagnosis d = c.diagnosis();
        if (json) {
            new DiagnosisJson().write(d, out);
            out.println();
        } else {
            printPlan(out, d);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static String ask(PrintWriter out, BufferedReader in, Map<String, String> scripted, String id, String prompt) throws IOException {
        if (scripted != null) {
            return scripted.get(id);
        }
        out.print(prompt + "\n> ");
        out.flush();
        String line = in.readLine();
        return line == null || line.isBlank() ? null : line.strip();
    }

    private static void printPlan(PrintWriter out, Diagnosis d) {
        out.println();
        if (d.outcome() != Diagnosis.Outcome.DIAGNOSED) {
            out.println("No problem the rules know matches what was answered. Hand it to support with the facts gathered.");
            return;
        }
        for (Diagnosis.Problem p : d.problems()) {
            out.println("Problem: " + p.title() + (p.causes().isEmpty() ? "" : " (cause: " + String.join(", ", p.causes()) + ")"));
        }
        out.println("Plan:");
        for (Diagnosis.Step s : d.steps()) {
            out.println("  " + s.order() + ". " + s.actor() + ": " + s.text());
        }
        Diagnosis.Escalation e = d.escalation();
        out.println(e == null ? "Escalation: none." : "Escalation: " + e.contact() + ", " + e.condition() + (e.now() ? ", due now." : ", not yet due."));
    }

    static Map<String, String> readAnswers(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon > 0) {
                m.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
            }
        }
        return m;
    }
}
