package dev.authdoctor.examples.embedding;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.AuthenticatorState;
import dev.authdoctor.incident.AuthenticatorType;
import dev.authdoctor.incident.ErrorSource;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.incident.Symptom;
import dev.authdoctor.incident.UserState;

import java.util.stream.Collectors;

/**
 * What an identity platform calls when a login fails: it describes what it knows as an incident, asks the
 * shared {@link Troubleshooter} for a diagnosis, and shows the plan, each step with who carries it out.
 */
public final class FailedLoginHook {

    private final Troubleshooter doctor;

    /** @param doctor built once by the application and shared by every hook call */
    public FailedLoginHook(Troubleshooter doctor) {
        this.doctor = doctor;
    }

    /**
     * The facts a failed login gives: the soft-token step failed for a locked user whose Entrust soft token is
     * active, and the login page showed a message. Facts the hook does not know are simply not set.
     *
     * @param ticketId     the incident's id, e.g. the login attempt's correlation id
     * @param errorMessage the message the user saw
     * @return the incident, checked against the input contract
     */
    public static Incident incident(String ticketId, String errorMessage) {
        return Incident.builder(ticketId)
                .symptom(Symptom.TOKEN_NOT_WORKING)
                .error(e -> e.message(errorMessage).source(ErrorSource.USER_PORTAL))
                .user(u -> u.state(UserState.ACTIVE).locked(true))
                .authenticator(a -> a.type(AuthenticatorType.ENTRUST_SOFT_TOKEN).state(AuthenticatorState.ACTIVE).inUse(true))
                .build();
    }

    /**
     * Diagnoses a failed login.
     *
     * @param ticketId     the incident's id
     * @param errorMessage the message the user saw
     * @return the diagnosis: problems recognised, the plan and the escalation
     */
    public Diagnosis onFailedLogin(String ticketId, String errorMessage) {
        return doctor.diagnose(incident(ticketId, errorMessage));
    }

    /**
     * The plan as lines to show a help-desk agent: {@code 1. [ADMINISTRATOR] Unlock the user ...}.
     *
     * @param d a diagnosis
     * @return the problems, then one line per step, then the escalation if any
     */
    public static String describe(Diagnosis d) {
        StringBuilder out = new StringBuilder();
        out.append(d.incidentId()).append(": ").append(d.outcome()).append(' ').append(d.problemIds()).append('\n');
        out.append(d.steps().stream()
                .map(s -> "  " + s.order() + ". [" + s.actor() + "] " + s.text())
                .collect(Collectors.joining("\n")));
        if (d.escalation() != null) {
            out.append("\n  escalate to ").append(d.escalation().contact())
                    .append(d.escalation().now() ? " now" : " when " + d.escalation().condition());
        }
        return out.toString();
    }

    /**
     * Runs the hook once for a user who saw "Your account is locked".
     *
     * @param args none
     */
    public static void main(String[] args) {
        try (Troubleshooter doctor = Troubleshooter.create()) {
            System.out.println(describe(new FailedLoginHook(doctor).onFailedLogin("LOGIN-1", "Your account is locked")));
        }
    }
}
