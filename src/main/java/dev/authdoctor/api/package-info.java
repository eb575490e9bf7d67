/**
 * Public API: what an application embedding authdoctor uses. {@link dev.authdoctor.api.Troubleshooter} diagnoses,
 * explains and answers why-not ({@link dev.authdoctor.api.WhyNotReport}); a {@link dev.authdoctor.api.Diagnosis} is
 * the answer, with its {@link dev.authdoctor.api.Actor}s and {@link dev.authdoctor.api.EscalationCondition}s;
 * {@link dev.authdoctor.api.PackInfo} and {@link dev.authdoctor.api.RuleSummary} describe the rule packs in use and
 * {@link dev.authdoctor.api.RulePackException} is how a pack is refused; {@link dev.authdoctor.api.Consultation}
 * interviews, {@link dev.authdoctor.api.SupportTicket} drafts a hand-over. The incident itself is built with
 * {@link dev.authdoctor.incident}. Nothing here exposes a type of an internal package.
 */
package dev.authdoctor.api;
