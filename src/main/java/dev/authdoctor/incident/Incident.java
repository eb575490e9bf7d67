package dev.authdoctor.incident;

import dev.authdoctor.io.IncidentContract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One reported authenticator problem, shaped like {@code incident.schema.json}. Only {@code id} is
 * required; everything else is null when unknown. {@code authenticators} is null when unknown and
 * empty when the user is known to have none.
 *
 * <p>Immutable, and valid by the contract: {@link Builder#build()} checks exactly what
 * {@code IncidentReader} checks in JSON, with the same messages. For example:
 * <pre>{@code
 * Incident incident = Incident.builder("T-1")
 *         .symptom(Symptom.CANNOT_LOG_IN)
 *         .error(e -> e.message("Your account is locked"))
 *         .user(u -> u.state(UserState.ACTIVE).locked(true))
 *         .authenticator(a -> a.type(AuthenticatorType.ENTRUST_SOFT_TOKEN).state(AuthenticatorState.ACTIVE))
 *         .build();
 * Incident again = incident.toBuilder().id("T-2").build();
 * }</pre>
 */
public final class Incident {

    private final String id;
    private final Instant reportedAt;
    private final Symptom symptom;
    private final String description;
    private final ErrorReport error;
    private final UserFacts user;
    private final List<AuthenticatorFacts> authenticators;
    private final DeviceFacts device;
    private final Service service;
    private final ActivationEmail activationEmail;
    private final Access access;
    private final PasswordPolicy passwordPolicy;
    private final TenantSettings settings;
    private final Integer remediationAttempts;

    private Incident(Builder b) {
        this.id = b.id;
        this.reportedAt = b.reportedAt;
        this.symptom = b.symptom;
        this.description = b.description;
        this.error = b.error;
        this.user = b.user;
        // Not List.copyOf: a null element must reach the contract check, which names it.
        this.authenticators = b.authenticators == null ? null : Collections.unmodifiableList(new ArrayList<>(b.authenticators));
        this.device = b.device;
        this.service = b.service;
        this.activationEmail = b.activationEmail;
        this.access = b.access;
        this.passwordPolicy = b.passwordPolicy;
        this.settings = b.settings;
        this.remediationAttempts = b.remediationAttempts;
    }

    /**
     * A builder for an incident with this id, every other fact unknown.
     *
     * @param id the incident's id, echoed in the diagnosis
     * @return a new builder
     */
    public static Builder builder(String id) {
        return new Builder().id(id);
    }

    /**
     * An incident with nothing but its id: {@code builder(id).build()}.
     *
     * @param id the incident's id, echoed in the diagnosis
     * @return the incident
     */
    public static Incident of(String id) {
        return builder(id).build();
    }

    /**
     * A builder holding this incident's facts, e.g. for the same incident with another id.
     *
     * @return a builder holding these facts
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.reportedAt = reportedAt;
        b.symptom = symptom;
        b.description = description;
        b.error = error;
        b.user = user;
        b.authenticators = authenticators == null ? null : new ArrayList<>(authenticators);
        b.device = device;
        b.service = service;
        b.activationEmail = activationEmail;
        b.access = access;
        b.passwordPolicy = passwordPolicy;
        b.settings = settings;
        b.remediationAttempts = remediationAttempts;
        return b;
    }

    /**
     * The incident's id, echoed in the diagnosis; always set.
     *
     * @return the incident's id
     */
    public String id() {
        return id;
    }

    /**
     * When the incident was reported; null when unknown.
     *
     * @return when the incident was reported, or null when unknown
     */
    public Instant reportedAt() {
        return reportedAt;
    }

    /**
     * What was reported when there is no error text to go by; null when unknown.
     *
     * @return what was reported when there is no error text to go by, or null when unknown
     */
    public Symptom symptom() {
        return symptom;
    }

    /**
     * The ticket's free text, as the person wrote it; null when unknown.
     *
     * @return the ticket's free text, as the person wrote it, or null when unknown
     */
    public String description() {
        return description;
    }

    /**
     * The error message seen, and where; null when unknown.
     *
     * @return the error message seen, and where, or null when unknown
     */
    public ErrorReport error() {
        return error;
    }

    /**
     * The user's facts; null when unknown.
     *
     * @return the user's facts, or null when unknown
     */
    public UserFacts user() {
        return user;
    }

    /**
     * Unmodifiable; null when unknown, empty when the user has none.
     *
     * @return the authenticators assigned to the user: empty when the user has none, or null when unknown
     */
    public List<AuthenticatorFacts> authenticators() {
        return authenticators;
    }

    /**
     * The user's device; null when unknown.
     *
     * @return the user's device, or null when unknown
     */
    public DeviceFacts device() {
        return device;
    }

    /**
     * How IDaaS was reached; null when unknown.
     *
     * @return how IDaaS was reached, or null when unknown
     */
    public Service service() {
        return service;
    }

    /**
     * What became of the activation e-mail; null when unknown.
     *
     * @return what became of the activation e-mail, or null when unknown
     */
    public ActivationEmail activationEmail() {
        return activationEmail;
    }

    /**
     * What the resource rule allows; null when unknown.
     *
     * @return what the resource rule allows, or null when unknown
     */
    public Access access() {
        return access;
    }

    /**
     * The password policy in force; null when unknown.
     *
     * @return the password policy in force, or null when unknown
     */
    public PasswordPolicy passwordPolicy() {
        return passwordPolicy;
    }

    /**
     * The account settings that differ from the IDaaS defaults; null when unknown.
     *
     * @return the account settings that differ from the IDaaS defaults, or null when unknown
     */
    public TenantSettings settings() {
        return settings;
    }

    /**
     * How many times the recommended steps were already completed without success; null when unknown.
     *
     * @return how many times the recommended steps were already completed without success, or null when unknown
     */
    public Integer remediationAttempts() {
        return remediationAttempts;
    }

    /**
     * Attempts already made; zero when not reported.
     *
     * @return attempts
     */
    public int attempts() {
        return remediationAttempts == null ? 0 : remediationAttempts;
    }

    /**
     * Whether the user is known to have no authenticator at all (an empty list, not an unknown one).
     *
     * @return true when the authenticators are known and there are none
     */
    public boolean hasNoAuthenticators() {
        return authenticators != null && authenticators.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Incident other
                && Objects.equals(id, other.id)
                && Objects.equals(reportedAt, other.reportedAt)
                && Objects.equals(symptom, other.symptom)
                && Objects.equals(description, other.description)
                && Objects.equals(error, other.error)
                && Objects.equals(user, other.user)
                && Objects.equals(authenticators, other.authenticators)
                && Objects.equals(device, other.device)
                && Objects.equals(service, other.service)
                && Objects.equals(activationEmail, other.activationEmail)
                && Objects.equals(access, other.access)
                && Objects.equals(passwordPolicy, other.passwordPolicy)
                && Objects.equals(settings, other.settings)
                && Objects.equals(remediationAttempts, other.remediationAttempts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, reportedAt, symptom, description, error, user, authenticators, device, service,
                activationEmail, access, passwordPolicy, settings, remediationAttempts);
    }

    @Override
    public String toString() {
        return "Incident[id=" + id + ", reportedAt=" + reportedAt + ", symptom=" + symptom + ", description=" + description
                + ", error=" + error + ", user=" + user + ", authenticators=" + authenticators + ", device=" + device
                + ", service=" + service + ", activationEmail=" + activationEmail + ", access=" + access
                + ", passwordPolicy=" + passwordPolicy + ", settings=" + settings
                + ", remediationAttempts=" + remediationAttempts + "]";
    }

    /**
     * Fluent and reusable: {@link #build()} copies what was set, so later calls do not change what was
     * built. A part is given whole ({@code user(UserFacts)}) or edited in place ({@code user(u -> u.locked(true))},
     * which starts from the part already set, if any).
     */
    public static final class Builder {
        private String id;
        private Instant reportedAt;
        private Symptom symptom;
        private String description;
        private ErrorReport error;
        private UserFacts user;
        private List<AuthenticatorFacts> authenticators;
        private DeviceFacts device;
        private Service service;
        private ActivationEmail activationEmail;
        private Access access;
        private PasswordPolicy passwordPolicy;
        private TenantSettings settings;
        private Integer remediationAttempts;

        private Builder() {
        }

        /**
         * Sets the incident's id, echoed in the diagnosis.
         *
         * @param id the incident's id, echoed in the diagnosis; null when unknown
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets when the incident was reported.
         *
         * @param reportedAt when the incident was reported; null when unknown
         * @return this builder
         */
        public Builder reportedAt(Instant reportedAt) {
            this.reportedAt = reportedAt;
            return this;
        }

        /**
         * Sets what was reported when there is no error text to go by.
         *
         * @param symptom what was reported when there is no error text to go by; null when unknown
         * @return this builder
         */
        public Builder symptom(Symptom symptom) {
            this.symptom = symptom;
            return this;
        }

        /**
         * Sets the ticket's free text, as the person wrote it.
         *
         * @param description the ticket's free text, as the person wrote it; null when unknown
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the error message seen, and where.
         *
         * @param error the error message seen, and where; null when unknown
         * @return this builder
         */
        public Builder error(ErrorReport error) {
            this.error = error;
            return this;
        }

        /**
         * Sets the error message seen, and where.
         *
         * @param edit sets facts on a builder of the ErrorReport, holding those set so far
         * @return this builder
         */
        public Builder error(Consumer<ErrorReport.Builder> edit) {
            ErrorReport.Builder b = error == null ? ErrorReport.builder() : error.toBuilder();
            edit.accept(b);
            return error(b.build());
        }

        /**
         * Sets the user's facts.
         *
         * @param user the user's facts; null when unknown
         * @return this builder
         */
        public Builder user(UserFacts user) {
            this.user = user;
            return this;
        }

        /**
         * Sets the user's facts.
         *
         * @param edit sets facts on a builder of the User, holding those set so far
         * @return this builder
         */
        public Builder user(Consumer<UserFacts.Builder> edit) {
            UserFacts.Builder b = user == null ? UserFacts.builder() : user.toBuilder();
            edit.accept(b);
            return user(b.build());
        }

        /**
         * All the user's authenticators: null when unknown, empty when the user has none.
         *
         * @param authenticators the authenticators assigned to the user: empty when the user has none; null when unknown
         * @return this builder
         */
        public Builder authenticators(List<AuthenticatorFacts> authenticators) {
            this.authenticators = authenticators == null ? null : new ArrayList<>(authenticators);
            return this;
        }

        /**
         * Adds one authenticator to those set so far.
         *
         * @param authenticator one more authenticator assigned to the user; null when unknown
         * @return this builder
         */
        public Builder authenticator(AuthenticatorFacts authenticator) {
            if (authenticators == null) {
                authenticators = new ArrayList<>();
            }
            authenticators.add(authenticator);
            return this;
        }

        /**
         * Adds one authenticator, built by {@code edit} from an empty one.
         *
         * @param edit sets facts on a builder of the Authenticator, holding those set so far
         * @return this builder
         */
        public Builder authenticator(Consumer<AuthenticatorFacts.Builder> edit) {
            AuthenticatorFacts.Builder b = AuthenticatorFacts.builder();
            edit.accept(b);
            return authenticator(b.build());
        }

        /**
         * Sets the user's device.
         *
         * @param device the user's device; null when unknown
         * @return this builder
         */
        public Builder device(DeviceFacts device) {
            this.device = device;
            return this;
        }

        /**
         * Sets the user's device.
         *
         * @param edit sets facts on a builder of the Device, holding those set so far
         * @return this builder
         */
        public Builder device(Consumer<DeviceFacts.Builder> edit) {
            DeviceFacts.Builder b = device == null ? DeviceFacts.builder() : device.toBuilder();
            edit.accept(b);
            return device(b.build());
        }

        /**
         * Sets how IDaaS was reached.
         *
         * @param service how IDaaS was reached; null when unknown
         * @return this builder
         */
        public Builder service(Service service) {
            this.service = service;
            return this;
        }

        /**
         * Sets how IDaaS was reached.
         *
         * @param edit sets facts on a builder of the Service, holding those set so far
         * @return this builder
         */
        public Builder service(Consumer<Service.Builder> edit) {
            Service.Builder b = service == null ? Service.builder() : service.toBuilder();
            edit.accept(b);
            return service(b.build());
        }

        /**
         * Sets what became of the activation e-mail.
         *
         * @param activationEmail what became of the activation e-mail; null when unknown
         * @return this builder
         */
        public Builder activationEmail(ActivationEmail activationEmail) {
            this.activationEmail = activationEmail;
            return this;
        }

        /**
         * Sets what became of the activation e-mail.
         *
         * @param edit sets facts on a builder of the ActivationEmail, holding those set so far
         * @return this builder
         */
        public Builder activationEmail(Consumer<ActivationEmail.Builder> edit) {
            ActivationEmail.Builder b = activationEmail == null ? ActivationEmail.builder() : activationEmail.toBuilder();
            edit.accept(b);
            return activationEmail(b.build());
        }

        /**
         * Sets what the resource rule allows.
         *
         * @param access what the resource rule allows; null when unknown
         * @return this builder
         */
        public Builder access(Access access) {
            this.access = access;
            return this;
        }

        /**
         * Sets what the resource rule allows.
         *
         * @param edit sets facts on a builder of the Access, holding those set so far
         * @return this builder
         */
        public Builder access(Consumer<Access.Builder> edit) {
            Access.Builder b = access == null ? Access.builder() : access.toBuilder();
            edit.accept(b);
            return access(b.build());
        }

        /**
         * Sets the password policy in force.
         *
         * @param passwordPolicy the password policy in force; null when unknown
         * @return this builder
         */
        public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
            this.passwordPolicy = passwordPolicy;
            return this;
        }

        /**
         * Sets the password policy in force.
         *
         * @param edit sets facts on a builder of the PasswordPolicy, holding those set so far
         * @return this builder
         */
        public Builder passwordPolicy(Consumer<PasswordPolicy.Builder> edit) {
            PasswordPolicy.Builder b = passwordPolicy == null ? PasswordPolicy.builder() : passwordPolicy.toBuilder();
            edit.accept(b);
            return passwordPolicy(b.build());
        }

        /**
         * Sets the account settings that differ from the IDaaS defaults.
         *
         * @param settings the account settings that differ from the IDaaS defaults; null when unknown
         * @return this builder
         */
        public Builder settings(TenantSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * Sets the account settings that differ from the IDaaS defaults.
         *
         * @param edit sets facts on a builder of the Settings, holding those set so far
         * @return this builder
         */
        public Builder settings(Consumer<TenantSettings.Builder> edit) {
            TenantSettings.Builder b = settings == null ? TenantSettings.builder() : settings.toBuilder();
            edit.accept(b);
            return settings(b.build());
        }

        /**
         * How many times the recommended steps were already completed without success.
         *
         * @param remediationAttempts how many times the recommended steps were already completed without success; null when unknown
         * @return this builder
         */
        public Builder remediationAttempts(Integer remediationAttempts) {
            this.remediationAttempts = remediationAttempts;
            return this;
        }

        /**
         * The incident, checked against the contract exactly as JSON input is.
         *
         * @throws InvalidIncidentException naming every field that breaks the contract, e.g.
         *         {@code remediationAttempts: -5 is below the minimum 0}
         * @return the built value
         */
        public Incident build() {
            Incident incident = new Incident(this);
            IncidentContract.requireValid(incident);
            return incident;
        }
    }
}
