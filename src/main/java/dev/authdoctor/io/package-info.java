/**
 * Internal: JSON Lines and CSV reading and writing, the incident contract check, IDaaS user objects. Not part of
 * the API: its types may change in any release. Embedders read and write JSON through
 * {@link dev.authdoctor.api.IncidentJson} and {@link dev.authdoctor.api.DiagnosisJson}.
 */
package dev.authdoctor.io;
