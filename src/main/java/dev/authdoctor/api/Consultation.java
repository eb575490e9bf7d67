package dev.authdoctor.api;

import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.io.ReadResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A consultation: starting from what was reported (an error message, a symptom), asks only the questions
 * whose answers can still change the diagnosis, most decisive first, and accepts "unknown". A web page or a
 * chat bot drives it the same way as the terminal:
 * <pre>{@code
 * Consultation c = Consultation.start(doctor, "INC-1", "TOKEN_NOT_WORKING", null);
 * for (Optional<Question> q = c.next(); q.isPresent(); q = c.next()) {
 *     c.answer(q.get().id(), askSomehow(q.get()));     // or c.unknown(q.get().id())
 * }
 * Diagnosis d = c.diagnosis();
 * }</pre>
 * A question is asked only when two of its possible answers lead to different diagnoses (problems, causes,
 * steps or escalation); among those, the one whose answers lead to the most different diagnoses comes first.
 */
public final class Consultation {

    /** One question: its id (a field of the incident contract), the words to ask, and the answers it takes. */
    public record Question(String id, String prompt, List<String> options, boolean number) {
    }

    /** Every question a consultation may ask, in the order to prefer among equally decisive ones. */
    static final List<Question> QUESTIONS = List.of(
            new Question("user.locked", "Is the user's account locked?", List.of("yes", "no"), false),
            new Question("user.state", "Is the user ACTIVE or INACTIVE in Identity as a Service?", List.of("ACTIVE", "INACTIVE"), false),
            new Question("authenticators.none", "Does the user have no authenticator assigned at all?", List.of("yes", "no"), false),
            new Question("authenticator.type", "Which authenticator is it?", List.of("ENTRUST_SOFT_TOKEN", "GOOGLE_AUTHENTICATOR",
                    "ENTRUST_PHYSICAL_TOKEN", "OATH_PHYSICAL_TOKEN", "MOBILE_SMART_CREDENTIAL", "GRID", "FIDO"), false),
            new Question("authenticator.state", "What state is the authenticator in?", List.of("NEW", "ACTIVATING", "ACTIVE", "INACTIVE",
                    "UNASSIGNED"), false),
            new Question("access.resourceRuleAllowsUser", "Does the resource rule for the application allow this user?", List.of("yes", "no"), false),
            new Question("device.clockSkewSeconds", "How many seconds is the device clock off from the carrier's (e.g. 0, 420, -600)?",
                    List.of("0", "600", "-600"), true),
            new Question("user.role", "Is the user an ordinary USER, an ADMINISTRATOR or a SUPER_ADMINISTRATOR?",
                    List.of("USER", "ADMINISTRATOR", "SUPER_ADMINISTRATOR"), false),
            new Question("authenticator.appLocked", "Is the Entrust ST app itself locked (asking for its PIN)?", List.of("yes", "no"), false),
            new Question("authenticator.platform", "Which platform does the soft token run on?", List.of("IOS", "ANDROID", "BLACKBERRY",
                    "WINDOWS_PHONE_8", "J2ME", "DESKTOP"), false),
            new Question("activationEmail.inSpamFolder", "Did the activation e-mail land in the spam folder?", List.of("yes", "no"), false),
            new Question("activationEmail.delivered", "Was the activation e-mail delivered to the mailbox at all?", List.of("yes", "no"), false),
            new Question("user.emailValid", "Is the e-mail address on the user's profile correct?", List.of("yes", "no"), false),
            new Question("passwordPolicy.newPasswordInHistory", "Is the new password one the user had before (in the password history)?",
                    List.of("yes", "no"), false),
            new Question("passwordPolicy.historySize", "How many passwords does the history keep (0 = history off)?", List.of("0", "5"), true),
            new Question("device.network", "Is the mobile device on a PUBLIC or a PRIVATE network?", List.of("PUBLIC", "PRIVATE"), false),
            new Question("service.network", "Was the Identity as a Service account reached on a PUBLIC or a PRIVATE network?",
                    List.of("PUBLIC", "PRIVATE"), false),
            new Question("remediationAttempts", "How many times have the recommended steps already been completed without success?",
                    List.of("0", "1", "2"), true));

    private static final IncidentReader READER = new IncidentReader();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Troubleshooter doctor;
    private final ObjectNode facts;
    private final Set<String> settled = new HashSet<>();
    private final List<String> asked = new ArrayList<>();
    private Diagnosis current;

    private Consultation(Troubleshooter doctor, ObjectNode facts) {
        this.doctor = doctor;
        this.facts = facts;
        this.current = diagnose(facts);
    }

    /**
     * Starts from what was reported: a symptom (contract value, may be null) and/or the error message (may be null).
     *
     * @throws IllegalArgumentException when the symptom is not one of the contract's
     */
    public static Consultation start(Troubleshooter doctor, String incidentId, String symptom, String message) {
        ObjectNode facts = JsonNodeFactory.instance.objectNode().put("id", Objects.requireNonNull(incidentId, "incidentId"));
        if (symptom != null && !symptom.isBlank()) {
            facts.put("symptom", symptom.strip());
        }
        if (message != null && !message.isBlank()) {
            facts.putObject("error").put("message", message);
        }
        if (READER.read(facts) instanceof ReadResult.Rejected r) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        return new Consultation(doctor, facts);
    }

    /**
     * The most decisive question still worth asking, or empty when no answer could change the diagnosis.
     * A question is worth asking when its answers lead to different diagnoses, on its own or together with
     * the answer to one other question (two facts a rule needs together, such as role and authenticators).
     */
    public Optional<Question> next() {
        // Once problems are found, only what changes those problems counts, not a new, unrelated one.
        Set<String> focus = new HashSet<>(current.problemIds());
        Question best = null;
        int bestOutcomes = 1;
        for (Question q : open()) {
            int n = outcomes(facts, q, focus);
            if (n > bestOutcomes) {
                best = q;
                bestOutcomes = n;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        for (Question q : open()) {
            for (Question other : open()) {
                if (other == q) {
                    continue;
                }
                for (String option : other.options()) {
                    ObjectNode given = facts.deepCopy();
                    if (set(given, other.id(), option) && outcomes(given, q, focus) > 1) {
                        return Optional.of(q);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<Question> open() {
        return QUESTIONS.stream().filter(q -> !settled.contains(q.id())).toList();
    }

    /** How many different diagnoses the question's answers lead to, from these facts. */
    private int outcomes(ObjectNode from, Question q, Set<String> focus) {
        Set<String> outcomes = new HashSet<>();
        outcomes.add(signature(diagnose(from), focus));
        for (String option : q.options()) {
            ObjectNode trial = from.deepCopy();
            if (set(trial, q.id(), option)) {
                Diagnosis d = diagnose(trial);
                // An answer that would only bring in an unrelated problem does not make the question worth asking.
                if (focus.isEmpty() || focus.containsAll(d.problemIds())) {
                    outcomes.add(signature(d, focus));
                }
            }
        }
        return outcomes.size();
    }

    /**
     * Records an answer: one of the question's options, any whole number for a number question, or
     * "unknown" (also an empty answer).
     *
     * @throws IllegalArgumentException naming the question when the answer is not one it takes
     */
    public Consultation answer(String questionId, String answer) {
        Question q = QUESTIONS.stream().filter(x -> x.id().equals(questionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such question: " + questionId));
        String a = answer == null ? "" : answer.strip();
        if (a.isEmpty() || a.equalsIgnoreCase("unknown") || a.equals("?")) {
            return unknown(questionId);
        }
        if (q.number()) {
            try {
                Long.parseLong(a);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(questionId + ": \"" + a + "\" is not a whole number (or say unknown)");
            }
        } else {
            String match = q.options().stream().filter(o -> o.equalsIgnoreCase(a)).findFirst().orElse(null);
            if (match == null) {
                throw new IllegalArgumentException(questionId + ": \"" + a + "\" is not one of " + String.join(", ", q.options()) + " (or unknown)");
            }
        }
        ObjectNode trial = facts.deepCopy();
        set(trial, questionId, q.number() ? a : q.options().stream().filter(o -> o.equalsIgnoreCase(a)).findFirst().orElseThrow());
        if (READER.read(trial) instanceof ReadResult.Rejected r) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        facts.removeAll();
        facts.setAll(trial);
        settle(questionId);
        current = diagnose(facts);
        return this;
    }

    /** The answer is not known: the question is not asked again, and the diagnosis stays as it is. */
    public Consultation unknown(String questionId) {
        settle(questionId);
        return this;
    }

    private void settle(String questionId) {
        settled.add(questionId);
        asked.add(questionId);
        // An authenticator described means the user has one; none at all means there is nothing to describe.
        if (questionId.startsWith("authenticator.")) {
            settled.add("authenticators.none");
        } else if (questionId.equals("authenticators.none") && facts.path("authenticators").isArray() && facts.path("authenticators").isEmpty()) {
            QUESTIONS.stream().filter(q -> q.id().startsWith("authenticator.")).forEach(q -> settled.add(q.id()));
        }
    }

    /** The diagnosis from what is known now. */
    public Diagnosis diagnosis() {
        return current;
    }

    /** The questions answered so far (answered or unknown), in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    /** The facts gathered, as an incident in the input contract's shape. */
    public JsonNode incident() {
        return facts.deepCopy();
    }

    private Diagnosis diagnose(ObjectNode node) {
        ReadResult r = READER.read(node);
        if (r instanceof ReadResult.Accepted a) {
            return doctor.diagnose(a.incident());
        }
        return Diagnosis.rejected(node.path("id").asString(null), ((ReadResult.Rejected) r).errors());
    }

    /**
     * What a person would see change: problems, causes, plan and escalation; with a focus, the problems and
     * steps of the focus problems only.
     */
    static String signature(Diagnosis d, Set<String> focus) {
        Map<String, Object> s = new LinkedHashMap<>();
        boolean all = focus.isEmpty();
        List<Diagnosis.Problem> problems = d.problems().stream().filter(p -> all || focus.contains(p.id())).toList();
        s.put("outcome", d.outcome());
        s.put("problems", problems.stream().map(Diagnosis.Problem::id).toList());
        s.put("causes", problems.stream().map(Diagnosis.Problem::causes).toList());
        s.put("steps", d.steps().stream().filter(x -> all || focus.contains(x.problemId())).map(x -> x.id() + ":" + x.text()).toList());
        s.put("escalation", d.escalation());
        return s.toString();
    }

    /** Sets an answer on the facts; false when the answer cannot be set (it would contradict another). */
    private static boolean set(ObjectNode facts, String id, String value) {
        switch (id) {
            case "authenticators.none" -> {
                if (value.equals("yes")) {
                    facts.putArray("authenticators");
                } else if (facts.path("authenticators").isArray() && facts.path("authenticators").isEmpty()) {
                    facts.remove("authenticators");
                }
                return true;
            }
            case "remediationAttempts" -> {
                facts.put("remediationAttempts", Long.parseLong(value));
                return true;
            }
            default -> {
                String[] path = id.split("\\.");
                ObjectNode parent;
                if (path[0].equals("authenticator")) {
                    JsonNode list = facts.path("authenticators");
                    if (list.isArray() && list.isEmpty()) {
                        return false; // "no authenticator at all" was answered
                    }
                    if (!list.isArray()) {
                        facts.putArray("authenticators").addObject().put("type", "OTHER").put("inUse", true);
                    }
                    parent = (ObjectNode) facts.get("authenticators").get(0);
                } else {
                    parent = facts.has(path[0]) ? (ObjectNode) facts.get(path[0]) : facts.putObject(path[0]);
                }
                String field = path[1];
                if (value.equals("yes") || value.equals("no")) {
                    parent.put(field, value.equals("yes"));
                } else if (value.matches("-?\\d+")) {
                    parent.put(field, Long.parseLong(value));
                } else {
                    parent.put(field, value);
                }
                return true;
            }
        }
    }
}
