/**
 * Public for rule pack authors: runs a pack's scenarios as JUnit 5 tests in the pack author's own build
 * ({@link dev.authdoctor.testing.PackScenarios}), with rule coverage, and a pack's mutation testing
 * ({@link dev.authdoctor.testing.PackMutations}). The other types here serve the command line and
 * may change in any release.
 */
package dev.authdoctor.testing;
