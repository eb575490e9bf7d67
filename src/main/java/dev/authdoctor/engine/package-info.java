/**
 * Internal: Drools rule bases, rule packs, their checks, explanations and why-not analysis. Not part of the API:
 * its types may change in any release; use {@link dev.authdoctor.api}.
 */
package dev.authdoctor.engine;
