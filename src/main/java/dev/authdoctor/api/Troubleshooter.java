package dev.authdoctor.api;

import dev.authdoctor.engine.RuleBase;
import dev.authdoctor.engine.RulePack;
import dev.authdoctor.model.Incident;
import dev.authdoctor.model.Organisation;

import java.util.List;
import java.util.Objects;

/**
 * The entry point for embedders: diagnoses incidents with the built-in rule pack.
 *
 * <pre>{@code
 * Troubleshooter doctor = Troubleshooter.builder().supportContact("helpdesk@example.com").build();
 * Diagnosis d = doctor.diagnose(incident);
 * }</pre>
 *
 * Building compiles the rules once (about a second); keep one instance and share it. It is immutable
 * and thread-safe: every {@link #diagnose} runs in its own rule session, disposed before it returns.
 */
public final class Troubleshooter {

    /** The support address of the seed table, used unless the organisation names its own. */
    public static final String DEFAULT_SUPPORT_CONTACT = "support@entrust.com";

    private final RuleBase rules;
    private final Organisation organisation;
    private final PlanAssembler assembler;

    private Troubleshooter(RuleBase rules, String supportContact) {
        this.rules = rules;
        this.organisation = new Organisation(supportContact);
        this.assembler = new PlanAssembler(rules.problems());
    }

    /** A troubleshooter with the built-in rules and the default support contact. */
    public static Troubleshooter create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Diagnoses one incident. Never returns null; a valid incident that no rule recognises gives
     * {@link Diagnosis.Outcome#NO_MATCH}.
     *
     * @throws IllegalArgumentException if the incident has no id
     */
    public Diagnosis diagnose(Incident incident) {
        Objects.requireNonNull(incident, "incident");
        if (incident.id() == null || incident.id().isEmpty()) {
            throw new IllegalArgumentException("incident.id is required");
        }
        return assembler.assemble(incident.id(), rules.run(incident, organisation));
    }

    public String supportContact() {
        return organisation.supportContact();
    }

    /** Name and version of each rule pack in use, e.g. {@code authdoctor-builtin 1.0.0}. */
    public List<String> rulePacks() {
        return rules.packs().stream().map(p -> p.name() + " " + p.version()).toList();
    }

    /** Rule sessions currently open; zero whenever no diagnosis is in progress. For leak checks. */
    public int openSessions() {
        return rules.openSessions();
    }

    /** Configures a {@link Troubleshooter}. */
    public static final class Builder {
        private String supportContact = DEFAULT_SUPPORT_CONTACT;

        private Builder() {
        }

        /** Where problems are escalated: the organisation's help desk instead of Entrust support. */
        public Builder supportContact(String contact) {
            if (contact == null || contact.isBlank()) {
                throw new IllegalArgumentException("supportContact must not be blank");
            }
            this.supportContact = contact.strip();
            return this;
        }

        /** Compiles the rules; throws {@code RulePackException} naming file and line if they do not compile. */
        public Troubleshooter build() {
            return new Troubleshooter(RuleBase.compile(List.of(RulePack.builtIn())), supportContact);
        }
    }
}
