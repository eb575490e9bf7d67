/**
 * Internal: JSON Lines and CSV reading and writing, the incident contract check, IDaaS user objects. Not part of
 * the API: its types may change in any release. Until the API reads and writes JSON itself,
 * {@link dev.authdoctor.io.IncidentReader}, {@link dev.authdoctor.io.ReadResult} and
 * {@link dev.authdoctor.io.DiagnosisJson} are the way in and out for JSON; nothing else here is for embedders.
 */
package dev.authdoctor.io;
