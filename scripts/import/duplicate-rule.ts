/**
 * The duplicate rule: one node per canonical id, whose properties come from a record with body
 * text if any has one (a header-only record, however long, never replaces a cable's text with
 * nothing), then from the record with the most text (`textLength`, header + body), a tie going
 * to the greater content hash. So the
 * result does not depend on input order, a stub becomes a full cable, and a re-run of the same
 * record writes nothing (the hash is equal). Both write paths apply it: the Bolt writer in Node
 * within a batch and in Cypher against what is stored, the fast path in Node over the whole input.
 */

export interface RuleInput {
  /** Whether the record has body text (not only blanks). */
  hasBody: boolean;
  textLength: number;
  textHash: string;
}

/** A row's inputs to the rule. */
export function ruleInput(row: { textLength: number; textHash: string; props: { body?: string | null } }): RuleInput {
  return { hasBody: hasBody(row.props.body), textLength: row.textLength, textHash: row.textHash };
}

export const hasBody = (body: string | null | undefined): boolean => typeof body === 'string' && body.trim() !== '';

/** Whether `candidate` replaces `current` under the rule. */
export function prefers(candidate: RuleInput, current: RuleInput): boolean {
  if (candidate.hasBody !== current.hasBody) return candidate.hasBody;
  return candidate.textLength > current.textLength || (candidate.textLength === current.textLength && candidate.textHash > current.textHash);
}

/**
 * The rule as a Cypher predicate: whether the row `candidate` (with `hasBody`, `textLength`,
 * `textHash`) replaces the stored node `current` (its `body` tells whether it has body text).
 */
export function prefersCypher(candidate: string, current: string): string {
  const currentHasBody = `(trim(coalesce(${current}.body, '')) <> '')`;
  return `(CASE WHEN ${candidate}.hasBody <> ${currentHasBody} THEN ${candidate}.hasBody ELSE (${current}.textLength < ${candidate}.textLength OR (${current}.textLength = ${candidate}.textLength AND ${current}.textHash < ${candidate}.textHash)) END)`;
}

/**
 * The rule within one list of records: a single UNWIND … MERGE does not see its own earlier rows'
 * property writes, so two records of one id in the same batch are reduced here to the one the
 * rule picks. Their links are all kept by the caller.
 */
export function winnersById<T extends { id: string; textLength: number; textHash: string; props: { body?: string | null } }>(rows: T[]): T[] {
  const winners = new Map<string, T>();
  for (const row of rows) {
    const best = winners.get(row.id);
    if (!best || prefers(ruleInput(row), ruleInput(best))) winners.set(row.id, row);
  }
  return [...winners.values()];
}
