/**
 * Public API: the incident, the facts reported about one authenticator problem, as embedders build it
 * ({@link dev.authdoctor.incident.Incident#builder(String)}) and as the JSON contract ({@code incident.schema.json})
 * carries it: the user ({@link dev.authdoctor.incident.UserFacts}), their authenticators
 * ({@link dev.authdoctor.incident.AuthenticatorFacts}), the device, the tenant settings, the error seen. Building an
 * incident that breaks the contract throws {@link dev.authdoctor.incident.InvalidIncidentException}; reading one from
 * JSON gives a {@link dev.authdoctor.incident.ReadResult}: the incident, or the reasons it is not one. Rules match
 * these types too.
 */
package dev.authdoctor.incident;
