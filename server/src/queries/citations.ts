import type { CitationNode, CitationResponse, ExpandDirection, GraphLink } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { yearFromCableId } from './filters.ts';
import { nodeId, toGraphNode, type NodeRow } from './node-ids.ts';

export const MAX_CITATION_DEPTH = 5;

export interface CitationInput {
  id: string;
  direction: ExpandDirection;
  depth: number;
  /** Most cables returned (the root included). */
  limit: number;
}

const cableProps = 'x {.id, .subject, .inCorpus, .date, .classification, .year}';

const rootQuery = `
MATCH (x:Cable {id: $id})
RETURN {labels: labels(x), props: ${cableProps}, degree: COUNT { (x)--() }} AS node`;

/**
 * One BFS step: the REFERENCES links of the frontier in one direction, newest neighbours
 * first; `rowCap` bounds the rows read at a heavily cited hub.
 */
const stepQuery: Record<'out' | 'in', string> = {
  out: `
UNWIND $frontier AS fid
MATCH (a:Cable {id: fid})-[:REFERENCES]->(x:Cable)
WITH a, x ORDER BY x.date IS NULL, x.date DESC, x.id LIMIT $rowCap
RETURN a.id AS from, {labels: labels(x), props: ${cableProps}, degree: COUNT { (x)--() }} AS node`,
  in: `
UNWIND $frontier AS fid
MATCH (a:Cable {id: fid})<-[:REFERENCES]-(x:Cable)
WITH a, x ORDER BY x.date IS NULL, x.date DESC, x.id LIMIT $rowCap
RETURN a.id AS from, {labels: labels(x), props: ${cableProps}, degree: COUNT { (x)--() }} AS node`,
};

interface StepRow {
  from: string;
  node: NodeRow;
}

function citationNode(row: NodeRow, depth: number, side: CitationNode['side']): CitationNode {
  const g = toGraphNode(row);
  const subject = typeof row.props.subject === 'string' && row.props.subject ? row.props.subject : null;
  const year = typeof row.props.year === 'number' ? row.props.year : yearFromCableId(g.key);
  return { ...g, kind: 'cable', depth, side, subject, year };
}

/**
 * What a cable cites and what cites it, breadth first to `depth` hops, within `limit` cables.
 * Each level is one query over the whole frontier, so a depth-5 chain costs at most 5 round
 * trips per direction and never enumerates paths (which explode at citation hubs).
 */
export async function citationChain(db: Database, input: CitationInput): Promise<CitationResponse | null> {
  const [root] = await db.read<{ node: NodeRow }>(rootQuery, { id: input.id });
  if (!root) return null;
  const rootNode = citationNode(root.node, 0, 'root');
  const nodes = new Map<string, CitationNode>([[rootNode.key, rootNode]]);
  const links = new Map<string, GraphLink>();
  let truncated = false;
  const sides: ('out' | 'in')[] = input.direction === 'both' ? ['out', 'in'] : [input.direction];
  // Split the budget so `both` shows ancestors and descendants even when one side is huge.
  const budgets = sides.length === 2 ? [Math.ceil((input.limit - 1) / 2), Math.floor((input.limit - 1) / 2)] : [input.limit - 1];

  for (const [i, side] of sides.entries()) {
    let budget = budgets[i]!;
    let frontier = [rootNode.key];
    for (let depth = 1; depth <= input.depth && frontier.length > 0; depth++) {
      const rowCap = Math.max(budget, 1) * 4 + frontier.length * 4;
      const rows = await db.read<StepRow>(stepQuery[side], { frontier, rowCap });
      const next: string[] = [];
      for (const row of rows) {
        const key = String(row.node.props.id);
        if (!nodes.has(key)) {
          if (budget <= 0) {
            truncated = true;
            continue;
          }
          budget--;
          nodes.set(key, citationNode(row.node, depth, side === 'out' ? 'cites' : 'citedBy'));
          next.push(key);
        }
        const [citing, cited] = side === 'out' ? [row.from, key] : [key, row.from];
        const link = { source: nodeId({ kind: 'cable', key: citing }), target: nodeId({ kind: 'cable', key: cited }), type: 'REFERENCES' as const };
        links.set(`${link.source}>${link.target}`, link);
      }
      if (rows.length >= rowCap) truncated = true;
      frontier = next;
    }
  }

  const list = [...nodes.values()];
  return {
    root: rootNode.id,
    direction: input.direction,
    depth: input.depth,
    nodes: list,
    links: [...links.values()],
    counts: {
      cites: list.filter((n) => n.side === 'cites').length,
      citedBy: list.filter((n) => n.side === 'citedBy').length,
      notInCorpus: list.filter((n) => n.inCorpus === false).length,
    },
    truncated,
  };
}
