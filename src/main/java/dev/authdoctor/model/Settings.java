package dev.authdoctor.model;

/** Account settings as reported; null where the account keeps the IDaaS default. */
public record Settings(Integer tokenTimeStepSeconds, Integer maxTimeSteps, Integer activationLifetimeSeconds,
                       Integer maxResetTimeSteps) {
}
