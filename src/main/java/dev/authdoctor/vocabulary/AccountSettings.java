package dev.authdoctor.vocabulary;

import dev.authdoctor.incident.TenantSettings;

/**
 * The settings in force: reported values, IDaaS defaults elsewhere (Administration API 5.46:
 * 30 s time steps, maxTimeSteps 10, Entrust ST activationLifetime 300 s). Always present in a session.
 */
public record AccountSettings(int tokenTimeStepSeconds, int maxTimeSteps, int activationLifetimeSeconds,
                              int maxResetTimeSteps) {

    public static final int DEFAULT_TIME_STEP_SECONDS = 30;
    public static final int DEFAULT_MAX_TIME_STEPS = 10;
    public static final int DEFAULT_ACTIVATION_LIFETIME_SECONDS = 300;
    /** The resync window: wider than the authentication window (Administration API: maxResetTimeSteps). */
    public static final int DEFAULT_MAX_RESET_TIME_STEPS = 120;

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

    /** How far a device clock may drift before its codes fall outside the validation window. */
    public long clockToleranceSeconds() {
        return (long) tokenTimeStepSeconds * maxTimeSteps;
    }

    /** How far a clock may drift and still be brought back by synchronizing the token. */
    public long resyncToleranceSeconds() {
        return (long) tokenTimeStepSeconds * maxResetTimeSteps;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
