package dev.authdoctor.vocabulary;

import dev.authdoctor.incident.TenantSettings;

/**
 * The settings in force: reported values, IDaaS defaults elsewhere (Administration API 5.46:
 * 30 s time steps, maxTimeSteps 10, Entrust ST activationLifetime 300 s). Always present in a session.
 */
public record AccountSettings(int tokenTimeStepSeconds, int maxTimeSteps, int activationLifetimeSeconds,
                              int maxResetTimeSteps) {

    /** The IDaaS default token time step, in seconds. */
    public static final int DEFAULT_TIME_STEP_SECONDS = 30;
    /** The IDaaS default number of time steps of drift accepted at authentication. */
    public static final int DEFAULT_MAX_TIME_STEPS = 10;
    /** The IDaaS default lifetime of an Entrust ST activation, in seconds. */
    public static final int DEFAULT_ACTIVATION_LIFETIME_SECONDS = 300;
    /** The resync window: wider than the authentication window (Administration API: maxResetTimeSteps). */
    public static final int DEFAULT_MAX_RESET_TIME_STEPS = 120;

    /**
     * The settings in force: each reported value, else the IDaaS default.
     *
     * @param reported the settings reported with the incident; null when none were
     * @return the settings in force
     */
    public static AccountSettings of(TenantSettings reported) {
        if (reported == null) {
            return new AccountSettings(DEFAULT_TIME_STEP_SECONDS, DEFAULT_MAX_TIME_STEPS, DEFAULT_ACTIVATION_LIFETIME_SECONDS,
                    DEFAULT_MAX_RESET_TIME_STEPS);
        }
        return new AccountSettings(
                orDefault(reported.tokenTimeStepSeconds(), DEFAULT_TIME_STEP_SECONDS),
                orDefault(reported.maxTimeSteps(), DEFAULT_MAX_TIME_STEPS),
                orDefault(reported.activationLifetimeSeconds(), DEFAULT_ACTIVATION_LIFETIME_SECONDS),
                orDefault(reported.maxResetTimeSteps(), DEFAULT_MAX_RESET_TIME_STEPS));
    }

    /**
     * How far a device clock may drift before its codes fall outside the validation window.
     *
     * @return the tolerance, in seconds
     */
    public long clockToleranceSeconds() {
        return (long) tokenTimeStepSeconds * maxTimeSteps;
    }

    /**
     * How far a clock may drift and still be brought back by synchronizing the token.
     *
     * @return the tolerance, in seconds
     */
    public long resyncToleranceSeconds() {
        return (long) tokenTimeStepSeconds * maxResetTimeSteps;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
