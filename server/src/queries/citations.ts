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

/**
 * One BFS level in both directions at once (a side whose frontier is empty costs nothing), and
 * on the first level the root itself: a depth-3 chain is three round trips. Neighbours come
 * newest first; `outCap`/`inCap` bound the rows read at a heavily cited hub.
 */
const levelQuery = `
CALL {
  OPTIONAL MATCH (x:Cable {id: $rootId})
  RETURN CASE WHEN x IS NULL THEN null ELSE {labels: labels(x), props: ${cableProps}, degree: COUNT { (x)--() }} END AS root
}
CALL {
  UNWIND $outFrontier AS fid
  MATCH (a:Cable {id: fid})-[:REFERENCES]->(x:Cable)
  WITH a, x ORDER BY x.date IS NULL, x.date DESC, x.id LIMIT $outCap
  RETURN collect({from: a.id, node: {labels: labels(x), props: ${cableProps}, degree: COUNT { (x)--() }}}) AS outRows
}
CALL {
  UNWIND $inFrontier AS fid
  MATCH (a:Cable {id: fid})<-[:REFERENCES]-(x:Cable)
  WITH a, x ORDER BY x.date IS NULL, x.date DESC, x.id LIMIT $inCap
  RETURN collect({from: a.id, node: {labels: labels(x), props: ${cableProps}, degree: COUNT { (x)--() }}}) AS inRows
}
RETURN root, outRows, inRows`;

interface LevelRow {
  root: NodeRow | null;
  outRows: StepRow[];
  inRows: StepRow[];
}

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
  const sides: ('out' | 'in')[] = input.direction === 'both' ? ['out', 'in'] : [input.direction];
  // Split the budget so `both` shows ancestors and descendants even when one side is huge.
  const budget = { out: 0, in: 0 };
  if (sides.length === 2) {
    budget.out = Math.ceil((input.limit - 1) / 2);
    budget.in = Math.floor((input.limit - 1) / 2);
  } else budget[input.direction as 'out' | 'in'] = input.limit - 1;

  const nodes = new Map<string, CitationNode>();
  const links = new Map<string, GraphLink>();
  const cut = { out: false, in: false };
  let rootNode: CitationNode | null = null;
  const frontier = { out: sides.includes('out') ? [input.id] : [], in: sides.includes('in') ? [input.id] : [] };

  for (let depth = 1; depth <= input.depth && (frontier.out.length > 0 || frontier.in.length > 0); depth++) {
    const cap = (side: 'out' | 'in') => (frontier[side].length === 0 ? 0 : Math.max(budget[side], 1) * 4 + frontier[side].length * 4);
    const caps = { out: cap('out'), in: cap('in') };
    const [row] = await db.read<LevelRow>(levelQuery, {
      rootId: depth === 1 ? input.id : null,
      outFrontier: frontier.out,
      inFrontier: frontier.in,
      outCap: caps.out,
      inCap: caps.in,
    });
    if (!row) throw new Error('the citation query returned no row');
    if (depth === 1) {
      if (!row.root) return null;
      rootNode = citationNode(row.root, 0, 'root');
      nodes.set(rootNode.key, rootNode);
    }
    for (const side of sides) {
      const rows = side === 'out' ? row.outRows : row.inRows;
      const next: string[] = [];
      for (const step of rows) {
        const key = String(step.node.props.id);
        if (!nodes.has(key)) {
          if (budget[side] <= 0) {
            cut[side] = true;
            continue;
          }
          budget[side]--;
          nodes.set(key, citationNode(step.node, depth, side === 'out' ? 'cites' : 'citedBy'));
          next.push(key);
        }
        const [citing, cited] = side === 'out' ? [step.from, key] : [key, step.from];
        const link = { source: nodeId({ kind: 'cable', key: citing }), target: nodeId({ kind: 'cable', key: cited }), type: 'REFERENCES' as const };
        links.set(`${link.source}>${link.target}`, link);
      }
      if (caps[side] > 0 && rows.length >= caps[side]) cut[side] = true;
      frontier[side] = next;
    }
    // A side whose budget is spent stops here: walking further would only read cables it
    // cannot return (`truncated` then means the limit stopped the walk before `depth`).
    for (const side of sides) {
      if (budget[side] <= 0 && frontier[side].length > 0 && depth < input.depth) {
        cut[side] = true;
        frontier[side] = [];
      }
    }
    // A side that has run out of cables hands its unused budget to the other side, as long as
    // that side has not skipped anything yet (the chain stays breadth-first).
    for (const [done, other] of [['out', 'in'], ['in', 'out']] as const) {
      if (sides.length === 2 && frontier[done].length === 0 && budget[done] > 0 && !cut[other]) {
        budget[other] += budget[done];
        budget[done] = 0;
      }
    }
  }
  if (!rootNode) return null;

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
    truncated: cut.out || cut.in,
  };
}
