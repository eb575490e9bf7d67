/**
 * Internal: masking of personal data in tickets, summaries and logs. Not part of the API: its types may change in
 * any release; use {@link dev.authdoctor.api}.
 */
package dev.authdoctor.privacy;
