package dev.authdoctor.api;

import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A consultation: starting from what was reported (an error message, a symptom, the user's own words), asks
 * only the questions whose answers can still change the diagnosis, most decisive first, and accepts "unknown".
 * A web page or a chat bot drives it the same way as the terminal:
 * <pre>{@code
 * Consultation c = Consultation.start(doctor, "INC-1", "token not working", null);
 * for (Optional<Question> q = c.next(); q.isPresent(); q = c.next()) {
 *     c.answer(q.get().id(), askSomehow(q.get()));     // or c.unknown(q.get().id())
 * }
 * if (!c.inPlay()) c.tell(askWhatHappened());          // nothing reported points anywhere yet
 * Diagnosis d = c.diagnosis();
 * }</pre>
 * A question is asked only when two of its possible answers lead to different diagnoses (problems, causes,
 * steps or escalation); among those, the one whose answers lead to the most different diagnoses comes first.
 * Everything follows from the calls made so far: replaying the same start, tells and answers gives the same
 * questions and the same diagnosis, so a stateless service can rebuild a consultation on each request.
 */
public final class Consultation {

    /** One question: its id (a field of the incident contract), the words to ask, and the answers it takes. */
    public record Question(String id, String prompt, List<String> options, boolean number) {
    }

    private static final JsonNode SCHEMA = schema();

    /** Every symptom the incident contract knows, the loaded packs' own included (read from the schema, so they never drift). */
    public static final List<String> SYMPTOMS = enumOf(SCHEMA.path("properties").path("symptom"));

    /** Every question a consultation may ask, in the order to prefer among equally decisive ones. */
    public static final List<Question> QUESTIONS = List.of(
            new Question("error.source", "Where was the message seen?",
                    enumOf(SCHEMA.path("properties").path("error").path("properties").path("source")), false),
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

    /** The answer recorded for a question left unknown. */
    public static final String UNKNOWN = "unknown";

    private static final IncidentReader READER = new IncidentReader();

    private final Troubleshooter doctor;
    private final ObjectNode facts;
    private final Set<String> settled = new HashSet<>();
    private final Map<String, String> answers = new LinkedHashMap<>();
    /** Diagnoses of trial facts, by the facts' JSON: the same trials recur from one question to the next. */
    private final Map<String, Diagnosis> trials = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Diagnosis> eldest) {
            return size() > MAX_TRIALS;
        }
    };
    private static final int MAX_TRIALS = 20_000;
    /**
     * The questions that may still be asked: those able to change the diagnosis when the story was last told,
     * narrowed after every answer to those still able to. It only shrinks between tells, so its size is an
     * honest "at most this many more" that never goes up. Worked out only when asked for (replaying answers
     * to read the diagnosis costs no question search): {@code pending} holds the states not yet folded in,
     * and a null pool means the first of them starts afresh.
     */
    private Set<String> pool;
    private final List<State> pending = new ArrayList<>();
    private Diagnosis current;

    /** What the questions depend on at one point of the consultation. */
    private record State(ObjectNode facts, Set<String> settled, Set<String> focus) {
    }

    private Consultation(Troubleshooter doctor, ObjectNode facts) {
        this.doctor = doctor;
        this.facts = facts;
        this.current = diagnose(facts);
        remember();
    }

    /**
     * Starts from what was reported: a symptom (a contract value or its words, e.g. {@code token not working};
     * may be null) and/or the error message (may be null).
     *
     * @throws IllegalArgumentException when the symptom is not one of the contract's
     * @param doctor the troubleshooter that diagnoses after each answer
     * @param incidentId the id the gathered incident gets
     * @param symptom a symptom, as the contract names it or in words; null when none was reported
     * @param message the error message seen; null when none
     * @return a consultation with its first diagnosis made
     */
    public static Consultation start(Troubleshooter doctor, String incidentId, String symptom, String message) {
        return start(doctor, incidentId, symptom, message, null);
    }

    /**
     * Starts from what was reported: a symptom (a contract value or its words; may be null), the error message
     * and the person's own description of what happened (each may be null). The description is heard by the
     * text matcher like any ticket's.
     *
     * @throws IllegalArgumentException when the symptom is not one of the contract's, or a text is too long
     * @param doctor the troubleshooter that diagnoses after each answer
     * @param incidentId the id the gathered incident gets
     * @param symptom a symptom, as the contract names it or in words; null when none was reported
     * @param message the error message seen; null when none
     * @param description what the person says happened; null when nothing was said
     * @return a consultation with its first diagnosis made
     */
    public static Consultation start(Troubleshooter doctor, String incidentId, String symptom, String message, String description) {
        ObjectNode facts = JsonNodeFactory.instance.objectNode().put("id", Objects.requireNonNull(incidentId, "incidentId"));
        if (symptom != null && !symptom.isBlank()) {
            facts.put("symptom", symptomOf(symptom).orElseThrow(() -> new IllegalArgumentException(
                    "symptom: \"" + symptom.strip() + "\" is not one of " + String.join(", ", SYMPTOMS)
                            + " (in words or as written; or tell it as a description)")));
        }
        if (message != null && !message.isBlank()) {
            facts.putObject("error").put("message", message);
        }
        if (description != null && !description.isBlank()) {
            facts.put("description", description.strip());
        }
        if (READER.read(facts.toString()) instanceof ReadResult.Rejected r) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        return new Consultation(doctor, facts);
    }

    /**
     * The contract's symptom named by these words, whatever their case, spacing, hyphens or underscores:
     * {@code token not working} and {@code Token-Not-Working} are {@code TOKEN_NOT_WORKING}.
     *
     * @param words a symptom's name or words; may be null
     * @return the contract's symptom, or empty when the words name none
     */
    public static Optional<String> symptomOf(String words) {
        if (words == null) {
            return Optional.empty();
        }
        String key = words.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "_");
        return SYMPTOMS.stream().filter(key::equals).findFirst();
    }

    /**
     * The question with this id, if a consultation has one.
     *
     * @param id a question's id, e.g. {@code user.locked}
     * @return the question, or empty when no question has this id
     */
    public static Optional<Question> question(String id) {
        return QUESTIONS.stream().filter(q -> q.id().equals(id)).findFirst();
    }

    /**
     * Tells what happened, in a few words: a symptom (as named or in its words) sets the symptom; anything else
     * is added to the description, for the text matcher to hear. The questions to ask are worked out afresh.
     *
     * @throws IllegalArgumentException when the description grows too long for the contract
     * @param words what happened, in a few words
     * @return this consultation, diagnosed again
     */
    public Consultation tell(String words) {
        if (words == null || words.isBlank()) {
            return this;
        }
        ObjectNode trial = facts.deepCopy();
        Optional<String> symptom = symptomOf(words);
        if (symptom.isPresent()) {
            trial.put("symptom", symptom.get());
        } else {
            String before = trial.path("description").asString("");
            trial.put("description", before.isEmpty() ? words.strip() : before + "\n" + words.strip());
        }
        if (READER.read(trial.toString()) instanceof ReadResult.Rejected r) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        replaceFacts(trial);
        pool = null;
        pending.clear();
        remember();
        return this;
    }

    /**
     * The most decisive question still worth asking, or empty when no answer could change the diagnosis.
     * A question is worth asking when its answers lead to different diagnoses, on its own or together with
     * the answer to one other question (two facts a rule needs together, such as role and authenticators).
     *
     * @return the question to ask next, or empty when none could change the diagnosis
     */
    public Optional<Question> next() {
        Question best = null;
        int bestOutcomes = 1;
        State now = state();
        for (Question q : pooled()) {
            int n = outcomes(now, now.facts(), q, Integer.MAX_VALUE);
            if (n > bestOutcomes) {
                best = q;
                bestOutcomes = n;
            }
        }
        if (best == null) {
            // every pooled question matters only together with another answer: the first in the preferred order
            best = pooled().stream().findFirst().orElse(null);
        }
        return Optional.ofNullable(best);
    }

    /**
     * At most how many questions are left, the next one included: those still able to change the diagnosis.
     * It never goes up as questions are answered, and is 0 exactly when {@link #next()} is empty.
     *
     * @return how many questions could still change the diagnosis
     */
    public int remaining() {
        return pool().size();
    }

    /**
     * Whether anything reported is in play: a problem is found, or some answer could still bring one in that the
     * symptom or the words reported point to. When it is false, facts alone would only find unrelated
     * problems: ask what happened instead ({@link #tell}).
     *
     * @return true when a problem is found or an answer could still bring one in
     */
    public boolean inPlay() {
        return !current.problems().isEmpty() || !pool().isEmpty();
    }

    private List<Question> pooled() {
        Set<String> p = pool();
        return QUESTIONS.stream().filter(q -> p.contains(q.id())).toList();
    }

    private Set<String> pool() {
        for (State s : pending) {
            pool = candidates(s, pool == null ? QUESTIONS.stream().map(Question::id).toList() : pool);
        }
        pending.clear();
        return pool;
    }

    private State state() {
        return new State(facts, settled, new HashSet<>(current.problemIds()));
    }

    private void remember() {
        pending.add(new State(facts.deepCopy(), Set.copyOf(settled), new HashSet<>(current.problemIds())));
    }

    private static List<Question> open(State s) {
        return QUESTIONS.stream().filter(q -> !s.settled().contains(q.id())).toList();
    }

    /** Of these questions, those still open whose answers can change the diagnosis, alone or with one other answer. */
    private Set<String> candidates(State s, java.util.Collection<String> among) {
        List<Question> open = open(s);
        Set<String> out = new LinkedHashSet<>();
        for (Question q : open) {
            if (among.contains(q.id()) && (outcomes(s, s.facts(), q, 2) > 1 || mattersWithAnother(s, q, open))) {
                out.add(q.id());
            }
        }
        return out;
    }

    private boolean mattersWithAnother(State s, Question q, List<Question> open) {
        for (Question other : open) {
            if (other == q) {
                continue;
            }
            for (String option : other.options()) {
                ObjectNode given = s.facts().deepCopy();
                if (set(given, other.id(), option) && outcomes(s, given, q, 2) > 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * How many different diagnoses the question's answers lead to, from these facts. Once problems are found,
     * only what changes those problems counts, not a new, unrelated one. Before any is found, with a symptom,
     * any problem an answer brings in counts; with only words (or nothing) reported, only a problem those
     * words help find: facts alone would otherwise walk every question of every row.
     */
    private int outcomes(State s, ObjectNode from, Question q, int enough) {
        Set<String> focus = s.focus();
        boolean storyOnly = focus.isEmpty() && (!hasSymptom(from) || unknownToRules(from));
        Set<String> outcomes = new HashSet<>();
        outcomes.add(signature(diagnose(from), focus));
        for (String option : q.options()) {
            ObjectNode trial = from.deepCopy();
            if (set(trial, q.id(), option)) {
                Diagnosis d = diagnose(trial);
                boolean counts = focus.isEmpty() ? !storyOnly || fromTheStory(trial, d) : focus.containsAll(d.problemIds());
                if (counts) {
                    outcomes.add(signature(d, focus));
                    if (outcomes.size() >= enough) {
                        break;
                    }
                }
            }
        }
        return outcomes.size();
    }

    private static boolean hasSymptom(ObjectNode facts) {
        String s = facts.path("symptom").asString(null);
        return s != null && !s.equals("OTHER");
    }

    /** Symptoms that say only that something went wrong: every row's questions may matter to them. */
    private static final Set<String> GENERAL_SYMPTOMS = Set.of("CANNOT_LOG_IN", "OTHER");

    /**
     * Whether the symptom reported names a specific problem that no loaded rule knows: alone, it finds nothing. A
     * symptom only another pack knows (ST_APP_PIN_LOCKED without idaas-extended) is no lead, and asking every
     * row's questions would be.
     */
    private boolean unknownToRules(ObjectNode facts) {
        String s = facts.path("symptom").asString(null);
        if (s == null || GENERAL_SYMPTOMS.contains(s)) {
            return false;
        }
        ObjectNode alone = facts.objectNode();
        alone.put("id", facts.path("id").asString("consultation"));
        alone.put("symptom", s);
        return diagnose(alone).problems().isEmpty();
    }

    /**
     * Whether the reported symptom is one that no loaded rule uses (so it cannot lead to any problem).
     *
     * @return true when no loaded rule uses the reported symptom
     */
    public boolean symptomUnknownToRules() {
        return unknownToRules(facts);
    }

    /** Whether the diagnosis has a problem that the same facts without the message and description would not find. */
    private boolean fromTheStory(ObjectNode trial, Diagnosis d) {
        if (d.problems().isEmpty()) {
            return false;
        }
        ObjectNode without = trial.deepCopy();
        without.remove("error");
        without.remove("description");
        if (without.equals(trial)) {
            return false;
        }
        Set<String> alone = new HashSet<>(diagnose(without).problemIds());
        return !alone.containsAll(d.problemIds());
    }

    /**
     * Records an answer: one of the question's options, any whole number for a number question, or
     * "unknown" (also an empty answer).
     *
     * @throws IllegalArgumentException naming the question when the answer is not one it takes
     * @param questionId the question's id
     * @param answer the answer, as the person gave it
     * @return this consultation, diagnosed again
     */
    public Consultation answer(String questionId, String answer) {
        Question q = question(questionId).orElseThrow(() -> new IllegalArgumentException("no such question: " + questionId));
        String a = answer == null ? "" : answer.strip();
        if (a.isEmpty() || a.equalsIgnoreCase(UNKNOWN) || a.equals("?")) {
            return unknown(questionId);
        }
        if (q.number()) {
            try {
                Long.parseLong(a);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(questionId + ": \"" + a + "\" is not a whole number (or say unknown)");
            }
        } else if (q.options().stream().noneMatch(o -> o.equalsIgnoreCase(a))) {
            throw new IllegalArgumentException(questionId + ": \"" + a + "\" is not one of " + String.join(", ", q.options()) + " (or unknown)");
        }
        String value = q.number() ? a : q.options().stream().filter(o -> o.equalsIgnoreCase(a)).findFirst().orElseThrow();
        ObjectNode trial = facts.deepCopy();
        if (!set(trial, questionId, value)) {
            throw new IllegalArgumentException(questionId + ": cannot be answered " + value + " here ("
                    + (questionId.equals("error.source") ? "no error message was reported" : "the user has no authenticator") + ")");
        }
        if (READER.read(trial.toString()) instanceof ReadResult.Rejected r) {
            throw new IllegalArgumentException(String.join("; ", r.errors()));
        }
        replaceFacts(trial);
        answers.put(questionId, value);
        settle(questionId, value);
        return this;
    }

    /**
     * The answer is not known: the question is not asked again, and the diagnosis stays as it is.
     *
     * @param questionId the question's id
     * @return this consultation
     */
    public Consultation unknown(String questionId) {
        question(questionId).orElseThrow(() -> new IllegalArgumentException("no such question: " + questionId));
        answers.put(questionId, UNKNOWN);
        settle(questionId, null);
        return this;
    }

    private void replaceFacts(ObjectNode next) {
        facts.removeAll();
        facts.setAll(next);
        current = diagnose(facts);
    }

    private void settle(String questionId, String value) {
        settled.add(questionId);
        // An authenticator described means the user has one; none at all means there is nothing to describe.
        // An authenticator question left unknown says nothing either way: whether there is one is still open.
        if (questionId.startsWith("authenticator.") && value != null) {
            settled.add("authenticators.none");
        } else if (questionId.equals("authenticators.none") && facts.path("authenticators").isArray() && facts.path("authenticators").isEmpty()) {
            QUESTIONS.stream().filter(q -> q.id().startsWith("authenticator.")).forEach(q -> settled.add(q.id()));
        }
        remember();
    }

    /**
     * The diagnosis from what is known now.
     *
     * @return the current diagnosis
     */
    public Diagnosis diagnosis() {
        return current;
    }

    /**
     * The questions answered so far (answered or unknown), in order.
     *
     * @return the ids of the questions settled so far
     */
    public List<String> asked() {
        return List.copyOf(answers.keySet());
    }

    /**
     * The answers given, by question id, in the order given; a question left unknown has {@link #UNKNOWN}.
     *
     * @return an unmodifiable map from question id to answer
     */
    public Map<String, String> answers() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    /**
     * The questions left unknown, in the order asked.
     *
     * @return the ids of the questions left unknown
     */
    public List<String> unknowns() {
        return answers.entrySet().stream().filter(e -> e.getValue().equals(UNKNOWN)).map(Map.Entry::getKey).toList();
    }

    /**
     * The facts gathered, as an incident: always a valid one, since every answer is checked against the contract.
     *
     * @return the incident built from the facts gathered so far
     */
    public Incident incident() {
        return ((ReadResult.Accepted) READER.read(facts.toString())).incident();
    }

    /**
     * The facts gathered, as JSON in the input contract's shape: to save, or to read back with {@link IncidentJson}.
     *
     * @return the gathered facts as one JSON object on one line
     */
    public String incidentJson() {
        return facts.toString();
    }

    private Diagnosis diagnose(ObjectNode node) {
        return trials.computeIfAbsent(node.toString(), k -> {
            ReadResult r = READER.read(k);
            if (r instanceof ReadResult.Accepted a) {
                return doctor.diagnose(a.incident());
            }
            return Diagnosis.rejected(node.path("id").asString(null), ((ReadResult.Rejected) r).errors());
        });
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
            case "error.source" -> {
                if (!facts.path("error").has("message")) {
                    return false; // where a message was seen means nothing without the message
                }
                ((ObjectNode) facts.get("error")).put("source", value);
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

    private static JsonNode schema() {
        try (InputStream in = Consultation.class.getResourceAsStream("/dev/authdoctor/io/incident.schema.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> enumOf(JsonNode property) {
        List<String> values = new ArrayList<>();
        property.path("enum").forEach(v -> values.add(v.asString()));
        if (values.isEmpty()) {
            throw new IllegalStateException("incident.schema.json: no enum at " + property);
        }
        return List.copyOf(values);
    }
}
