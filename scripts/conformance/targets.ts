/** Minimum pass rate per field (issue 3). Fields not listed have no target. */
export const PASS_RATE_TARGETS: Record<string, number> = {
  canonical_id: 1,
  tags: 1,
  subject: 1,
  nondisclosure_deadline: 1,
  recipients_to: 1,
  recipients_info: 1,
  references: 0.98,
  signers: 0.95,
  summary: 0.95,
  classified_by: 0.9,
  references_typed: 0.9,
};
