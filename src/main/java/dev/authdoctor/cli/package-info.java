/**
 * Internal: the authdoctor command line. Not part of the API: its types may change in any release; use
 * {@link dev.authdoctor.api}.
 */
package dev.authdoctor.cli;
