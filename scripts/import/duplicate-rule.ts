/**
 * The duplicate rule: one node per canonical id, whose properties come from the record with the
 * most text (`textLength`, header + body), a tie going to the greater content hash. So the
 * result does not depend on input order, a stub becomes a full cable, and a re-run of the same
 * record writes nothing (the hash is equal). Both write paths apply it: the Bolt writer in Node
 * within a batch and in Cypher against what is stored, the fast path in Node over the whole input.
 */

export interface RuleInput {
  textLength: number;
  textHash: string;
}

/** Whether `candidate` replaces `current` under the rule. */
export function prefers(candidate: RuleInput, current: RuleInput): boolean {
  return candidate.textLength > current.textLength || (candidate.textLength === current.textLength && candidate.textHash > current.textHash);
}

/** The rule as a Cypher predicate: whether the row `candidate` replaces the stored node `current`. */
export function prefersCypher(candidate: string, current: string): string {
  return `(${current}.textLength < ${candidate}.textLength OR (${current}.textLength = ${candidate}.textLength AND ${current}.textHash < ${candidate}.textHash))`;
}

/**
 * The rule within one list of records: a single UNWIND … MERGE does not see its own earlier rows'
 * property writes, so two records of one id in the same batch are reduced here to the one the
 * rule picks. Their links are all kept by the caller.
 */
export function winnersById<T extends RuleInput & { id: string }>(rows: T[]): T[] {
  const winners = new Map<string, T>();
  for (const row of rows) {
    const best = winners.get(row.id);
    if (!best || prefers(row, best)) winners.set(row.id, row);
  }
  return [...winners.values()];
}
