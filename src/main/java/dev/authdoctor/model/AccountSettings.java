package dev.authdoctor.model;

/**
 * The settings in force: reported values, IDaaS defaults elsewhere (Administration API 5.46:
 * 30 s time steps, maxTimeSteps 10, Entrust ST activationLifetime 300 s). Always present in a session.
 */
public record AccountSettings(int tokenTimeStepSeconds, int maxTimeSteps, int activationLifetimeSeconds) {

    public static final int DEFAULT_TIME_STEP_SECONDS = 30;
    public static final int DEFAULT_MAX_TIME_STEPS = 10;
    public static final int DEFAULT_ACTIVATION_LIFETIME_SECONDS = 300;

    public static AccountSettings of(Settings reported) {
        if (reported == null) {
            return new AccountSettings(DEFAULT_TIME_STEP_SECONDS, DEFAULT_MAX_TIME_STEPS, DEFAULT_ACTIVATION_LIFETIME_SECONDS);
        }
        return new AccountSettings(
                orDefault(reported.tokenTimeStepSeconds(), DEFAULT_TIME_STEP_SECONDS),
                orDefault(reported.maxTimeSteps(), DEFAULT_MAX_TIME_STEPS),
                orDefault(reported.activationLifetimeSeconds(), DEFAULT_ACTIVATION_LIFETIME_SECONDS));
    }

    /** How far a device clock may drift before its codes fall outside the validation window. */
    public long clockToleranceSeconds() {
        return (long) tokenTimeStepSeconds * maxTimeSteps;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
