package dev.authdoctor.model;

/** What the resource rule of the application says about the user. */
public record Access(Boolean resourceRuleAllowsUser) {
}
