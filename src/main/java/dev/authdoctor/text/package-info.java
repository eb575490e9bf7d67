/**
 * Internal: the text matcher that hears tickets in people's words (Lucene analysis and scoring). Not part of the
 * API: its types may change in any release; use {@link dev.authdoctor.api}.
 */
package dev.authdoctor.text;
