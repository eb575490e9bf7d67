/**
 * Internal: whole exports: parallel diagnosis, checkpoints and resume, summary and report. Not part of the API:
 * its types may change in any release; use {@link dev.authdoctor.api}.
 */
package dev.authdoctor.batch;
