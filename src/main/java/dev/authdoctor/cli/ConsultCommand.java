package dev.authdoctor.cli;

import dev.authdoctor.api.Consultation;
import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.DiagnosisJson;
import dev.authdoctor.api.Troubleshooter;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code authdoctor consult}: an interview that asks only what can still change the diagnosis. */
@Command(name = "consult",
        header = "An interview that asks only what can still change the diagnosis.", mixinStandardHelpOptions = true,
        description = {"An interactive consultation: starts from the error message and what happened (a symptom, in words or",
                "as named, or the user's own description, heard like any ticket), then asks only the questions whose",
                "answers can still change the diagnosis, most decisive first, saying at most how many are left. Answer",
                "'unknown' (or press Enter) when you do not know; 'stop' (or end of input) ends it with the plan so far.",
                "It ends with the facts gathered, the answers left unknown, and the plan.",
                "--answers FILE runs it from a file of answers ('-' reads them from standard input), one 'id: answer'",
                "a line; a question not in the file is unknown, an id that is not one below is an error."})
final class ConsultCommand extends RulesCommand implements Callable<Integer> {

    /** Keys of an answers file besides the question ids: what was reported. */
    static final List<String> REPORTED = List.of("message", "symptom", "description");

    private static final String STOP = "stop";

    @Option(names = "--answers", paramLabel = "FILE|-", description = "Answers for a scripted consultation; '-' reads them from standard input.")
    String answersFile;

    @Option(names = "--message", paramLabel = "TEXT", description = "The error text the user saw (otherwise asked).")
    String message;

    @Option(names = "--symptom", paramLabel = "WORDS", description = "What was reported, as named or in words, e.g. \"token not working\".")
    String symptom;

    @Option(names = "--description", paramLabel = "TEXT", description = "What happened, in the user's own words (heard like a ticket's).")
    String description;

    @Option(names = "--json", description = "End with the diagnosis as one JSON line instead of the plan in words.")
    boolean json;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "consultation", description = "The incident id (default: ${DEFAULT-VALUE}).")
    String id;

    /**
     * Lists every answer key in the help, from the consultation's own questions (so the two never drift). Worked out
     * when the help is shown, not whenever the command line starts: the questions read the incident contract.
     */
    @CommandLine.Spec
    void documentAnswers(CommandLine.Model.CommandSpec spec) {
        spec.usageMessage().sectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            spec.usageMessage().footer(answerLines());
            return help.footer();
        });
    }

    private static String[] answerLines() {
        List<String> lines = new ArrayList<>();
        lines.add("%nAnswer ids (for --answers, 'id: answer' a line; 'unknown' is always accepted):");
        lines.add("  message: the error text the user saw");
        lines.add("  symptom: " + String.join(" | ", Consultation.SYMPTOMS) + " (or in words: token not working)");
        lines.add("  description: what happened, in the user's own words");
        for (Consultation.Question q : Consultation.QUESTIONS) {
            lines.add("  " + q.id() + ": " + (q.number() ? "a whole number, e.g. " : "") + String.join(" | ", q.options()));
        }
        return lines.toArray(String[]::new);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> scripted = answersFile == null ? null : answers();
        BufferedReader in = new BufferedReader(new InputStreamReader(main.stdin, StandardCharsets.UTF_8));
        Troubleshooter doctor = rules.troubleshooter(spec.commandLine());
        out.println("I will ask only the questions whose answers can still change the diagnosis, most decisive first, then give");
        out.println("the plan. Answer with one of the options shown, or 'unknown' (or Enter) when you do not know; 'stop' ends it");
        out.println("with the plan so far.");
        boolean given = message != null || symptom != null || description != null || scripted != null;
        String msg = given ? value(scripted, "message", message)
                : ask(out, in, null, "message", "What error message did the user see? (paste it, or Enter if none)");
        List<String> story = new ArrayList<>();
        if (given) {
            story.add(value(scripted, "symptom", symptom));
            story.add(value(scripted, "description", description));
        } else {
            story.add(ask(out, in, null, "what", whatHappened()));
        }
        if (STOP.equalsIgnoreCase(msg)) {
            msg = null;
        }
        Consultation c = start(doctor, msg, story, scripted != null);
        int n = 0;
        boolean stopped = false;
        while (!stopped) {
            boolean inPlay = c.inPlay();
            for (Optional<Consultation.Question> q = c.next(); q.isPresent() && !stopped; q = c.next()) {
                Consultation.Question question = q.get();
                n++;
                String hint = question.number() ? "a whole number" : String.join(" / ", question.options());
                String progress = "Question " + n + ", at most " + (c.remaining() - 1) + " more: ";
                while (true) {
                    String a = ask(out, in, scripted, question.id(), progress + question.prompt() + " [" + hint + ", or unknown]");
                    if (a == null && scripted == null && eof) {
                        stopped = true;
                        break;
                    }
                    if (scripted == null && STOP.equalsIgnoreCase(a)) {
                        stopped = true;
                        break;
                    }
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
            if (stopped || !c.diagnosis().problems().isEmpty()) {
                break;
            }
            out.println(inPlay ? "No problem the rules know matches what was reported and answered; no other question would change that."
                    : c.symptomUnknownToRules()
                    ? "No loaded rule pack uses the symptom reported (load the pack that knows it with --rules), and the words match\n"
                    + "no problem, so no question about the user's facts would help yet."
                    : "Nothing reported points to a problem the rules know (no symptom, and the words match none), so no question\n"
                    + "about the user's facts would help yet.");
            if (scripted != null) {
                break;
            }
            String words = ask(out, in, null, "what", whatHappened());
            if (words == null || STOP.equalsIgnoreCase(words)) {
                break;
            }
            c.tell(words);
        }
        Diagnosis d = c.diagnosis();
        if (json) {
            out.write(DiagnosisJson.toJson(d));
            out.println();
        } else {
            printSummary(out, c);
            printPlan(out, d);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static String whatHappened() {
        return "What happened? A symptom in words (e.g. token not working, activation email not received) or the user's own "
                + "description (Enter if none)";
    }

    /** Starts from the message and what happened: words naming a symptom set it, any other words are the description. */
    private Consultation start(Troubleshooter doctor, String msg, List<String> story, boolean scripted) {
        String named = null;
        List<String> words = new ArrayList<>();
        for (String s : story) {
            if (s == null || s.isBlank() || STOP.equalsIgnoreCase(s.strip())) {
                continue;
            }
            Optional<String> symptomOf = Consultation.symptomOf(s);
            if (symptomOf.isPresent() && named == null) {
                named = symptomOf.get();
            } else {
                words.add(s.strip());
            }
        }
        try {
            return Consultation.start(doctor, id, named, msg, words.isEmpty() ? null : String.join("\n", words));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), (scripted ? "--answers: " : "") + e.getMessage());
        }
    }

    private static String value(Map<String, String> scripted, String key, String option) {
        return option != null ? option : scripted == null ? null : scripted.get(key);
    }

    private boolean eof;

    private String ask(PrintWriter out, BufferedReader in, Map<String, String> scripted, String id, String prompt) throws IOException {
        if (scripted != null) {
            String a = scripted.get(id);
            if (!REPORTED.contains(id)) {
                out.println(prompt + "\n> " + (a == null ? "(not in the answers: unknown)" : a));
            }
            return a;
        }
        out.print(prompt + "\n> ");
        out.flush();
        String line = in.readLine();
        if (line == null) {
            eof = true;
            out.println();
        }
        return line == null || line.isBlank() ? null : line.strip();
    }

    /** What was reported, the facts gathered and the answers left unknown: what the plan rests on. */
    private static void printSummary(PrintWriter out, Consultation c) {
        out.println();
        JsonNode facts = JsonMapper.shared().readTree(c.incidentJson());
        List<String> reported = new ArrayList<>();
        if (facts.has("symptom")) {
            reported.add("symptom " + facts.get("symptom").asString());
        }
        if (facts.path("error").has("message")) {
            reported.add("an error message");
        }
        if (facts.has("description")) {
            reported.add("a description in the user's words");
        }
        out.println("Reported: " + (reported.isEmpty() ? "nothing" : String.join(", ", reported)) + ".");
        List<String> gathered = c.answers().entrySet().stream().filter(e -> !e.getValue().equals(Consultation.UNKNOWN))
                .map(e -> e.getKey() + " = " + e.getValue()).toList();
        out.println("Facts gathered: " + (gathered.isEmpty() ? "none" : String.join(", ", gathered)) + ".");
        List<String> unknown = c.unknowns();
        out.println("Left unknown: " + (unknown.isEmpty() ? "none" : String.join(", ", unknown)) + ".");
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

    private Map<String, String> answers() throws IOException {
        List<String> lines;
        if (answersFile.equals("-")) {
            lines = new BufferedReader(new InputStreamReader(main.stdin, StandardCharsets.UTF_8)).lines().toList();
        } else {
            try {
                lines = Files.readAllLines(Path.of(answersFile));
            } catch (NoSuchFileException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--answers " + answersFile + ": no such file");
            }
        }
        try {
            return readAnswers(lines);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--answers " + answersFile + " " + e.getMessage());
        }
    }

    /**
     * The answers of an answers file, by id.
     *
     * @throws IllegalArgumentException naming the line, the id and the nearest valid id, when an id is not one a consultation knows
     */
    static Map<String, String> readAnswers(List<String> lines) {
        List<String> valid = new ArrayList<>(REPORTED);
        Consultation.QUESTIONS.forEach(q -> valid.add(q.id()));
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'id: answer'");
            }
            String key = l.substring(0, colon).strip();
            if (!valid.contains(key)) {
                String near = nearest(key, valid);
                throw new IllegalArgumentException("line " + (i + 1) + ": no question '" + key + "'"
                        + (near == null ? "" : " (did you mean " + near + "?)") + "; the ids are listed by consult --help");
            }
            m.put(key, l.substring(colon + 1).strip());
        }
        return m;
    }

    /** The valid id within two edits of the given one (or of its last part), fewest edits first; null when none is. */
    static String nearest(String given, List<String> valid) {
        String g = given.toLowerCase(Locale.ROOT);
        for (int edits = 0; edits <= LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE; edits++) {
            CharacterRunAutomaton whole = new CharacterRunAutomaton(new LevenshteinAutomata(g, true).toAutomaton(edits));
            for (String v : valid) {
                if (whole.run(v.toLowerCase(Locale.ROOT))) {
                    return v;
                }
            }
        }
        // "locked" for "user.locked", "user.lock" for "user.locked": the field name alone, written nearly right
        String field = g.substring(g.lastIndexOf('.') + 1);
        for (int edits = 0; edits <= LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE; edits++) {
            CharacterRunAutomaton part = new CharacterRunAutomaton(new LevenshteinAutomata(field, true).toAutomaton(edits));
            for (String v : valid) {
                if (part.run(v.toLowerCase(Locale.ROOT).substring(v.lastIndexOf('.') + 1))) {
                    return v;
                }
            }
        }
        return null;
    }
}
