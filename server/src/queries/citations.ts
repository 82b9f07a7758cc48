import { analysisProps, hasAnalysis, toAnalysisFields } from './analysis-fields.ts';
import type { CitationNode, CitationResponse, ExpandDirection, GraphLink } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { DEFAULT_BATCHING, ReadBatcher, type ReadBatcherOptions } from '../db/read-batcher.ts';
import { yearFromCableId } from '../cables/year-from-id.ts';
import { nodeId } from './node-ids.ts';

export const MAX_CITATION_DEPTH = 5;

export interface CitationInput {
  id: string;
  direction: ExpandDirection;
  depth: number;
  /** Most cables returned (the root included). */
  limit: number;
}

type Side = 'out' | 'in';

/**
 * A cable as a list rather than a map: a chain can hold hundreds of cables, and a list saves
 * decoding every map key again for each one (see CableTuple).
 */
const nodeProjection = (v: string) => `[${v}.id, ${v}.subject, ${v}.inCorpus, ${v}.date, ${v}.classification, COUNT { (${v})--() }, {${analysisProps(v)}}]`;

/** id, subject, inCorpus, date, classification, degree (the year comes from the date, or the id of a stub), analysis properties */
type CableTuple = [string, string | null, boolean | null, string | null, string | null, number, Record<string, unknown>];

function citationNode([key, subject, inCorpus, date, classification, degree, analysis]: CableTuple, depth: number, side: CitationNode['side']): CitationNode {
  return {
    ...(hasAnalysis(analysis) ? { analysis: toAnalysisFields(analysis) } : {}),
    id: nodeId({ kind: 'cable', key }),
    kind: 'cable',
    key,
    label: subject ? `${key}: ${subject}` : key,
    degree,
    inCorpus: inCorpus === true,
    date,
    classification,
    depth,
    side,
    subject: subject || null,
    year: date ? Number(date.slice(0, 4)) : yearFromCableId(key),
  };
}

/**
 * One side of the walk, breadth first, unrolled to `depth` levels inside one subquery. Level k
 * expands the frontier f(k-1): its REFERENCES neighbours (always cables, so no label check), at
 * most `$levelCap` rows (unsorted: the cap only bounds the work at a hub; citationChain puts the
 * rows in date order). The next frontier is the level's cables not seen before on this side, as
 * many as `$frontierCap` (the most cables this side could ever return) less those already
 * found: the newest ones when there are more (sorting only then saved a tenth of Neo4j's time
 * at much-cited cables, where most levels fit). The side answers with the expansions
 * (`[from, to]` id pairs per level) and the projected cables of every frontier. The depth is an integer from the validated
 * request, never user text.
 */
function sideWalk(side: Side, depth: number): string {
  const step = side === 'out' ? '-[:REFERENCES]->' : '<-[:REFERENCES]-';
  const kept: string[] = [];
  let body = `CALL (root) {\n  WITH [root] AS f0, [root] AS seen0\n`;
  for (let k = 1; k <= depth; k++) {
    body += `  CALL (f${k - 1}) {
    UNWIND f${k - 1} AS a
    MATCH (a)${step}(x)
    WITH a, x LIMIT $levelCap
    RETURN collect([a.id, x]) AS r${k}
  }
  CALL (r${k}, seen${k - 1}) {
    UNWIND r${k} AS e
    WITH DISTINCT e[1] AS x
    WHERE NOT x IN seen${k - 1}
    WITH collect(x) AS fresh
    RETURN CASE WHEN size(fresh) <= $frontierCap + 1 - size(seen${k - 1}) THEN fresh
      ELSE COLLECT { UNWIND fresh AS y WITH y ORDER BY y.date IS NULL, y.date DESC, y.id LIMIT $frontierCap RETURN y }[..$frontierCap + 1 - size(seen${k - 1})]
    END AS f${k}
  }
`;
    kept.push(`r${k}`, `f${k}`);
    body += `  WITH ${[...kept, `seen${k - 1} + f${k} AS seen${k}`].join(', ')}\n`;
  }
  const levels = Array.from({ length: depth }, (_, i) => `r${i + 1}`);
  const frontiers = Array.from({ length: depth }, (_, i) => `f${i + 1}`);
  body += `  RETURN [r IN [${levels.join(', ')}] | [e IN r | [e[0], e[1].id]]] AS ${side}Levels,
    [x IN ${frontiers.join(' + ')} | ${nodeProjection('x')}] AS ${side}Cables\n}\n`;
  return body;
}

const emptySide = (side: Side) => `CALL () { RETURN [] AS ${side}Levels, [] AS ${side}Cables }\n`;

const chainQueries = new Map<string, string>();

/**
 * Whole chains in one round trip, one row per root (roots not in the database have none): the
 * root, then each requested side. Texts are built once per direction and depth.
 */
function chainQuery(direction: ExpandDirection, depth: number): string {
  const key = `${direction}:${depth}`;
  let text = chainQueries.get(key);
  if (!text) chainQueries.set(key, (text = buildChainQuery(direction, depth)));
  return text;
}

function buildChainQuery(direction: ExpandDirection, depth: number): string {
  const wants = (side: Side) => direction === side || direction === 'both';
  return `UNWIND $rootIds AS rootId
MATCH (root:Cable {id: rootId})
${wants('out') ? sideWalk('out', depth) : emptySide('out')}${wants('in') ? sideWalk('in', depth) : emptySide('in')}RETURN ${nodeProjection('root')} AS root, outLevels, outCables, inLevels, inCables`;
}

interface ChainRow {
  root: CableTuple;
  outLevels: [string, string][][];
  outCables: CableTuple[];
  inLevels: [string, string][][];
  inCables: CableTuple[];
}

/** What one side's query found: each expanded cable's neighbours, and whether that expansion was cut short. */
interface SideExpansions {
  children: Map<string, string[]>;
  cutShort: Set<string>;
}

function expansions(levels: [string, string][][], levelCap: number): SideExpansions {
  const children = new Map<string, string[]>();
  const cutShort = new Set<string>();
  for (const level of levels) {
    for (const [from, to] of level) {
      const list = children.get(from) ?? [];
      list.push(to);
      children.set(from, list);
    }
    if (level.length >= levelCap) for (const [from] of level) cutShort.add(from);
  }
  return { children, cutShort };
}

/** Newest first, undated last, then by id: the order the query reads neighbours in. */
function newestFirst(a: CableTuple | undefined, b: CableTuple | undefined, aKey: string, bKey: string): number {
  const ad = a?.[3] ?? null;
  const bd = b?.[3] ?? null;
  if (ad !== bd) {
    if (ad === null) return 1;
    if (bd === null) return -1;
    return ad < bd ? 1 : -1;
  }
  return aKey < bKey ? -1 : aKey > bKey ? 1 : 0;
}

/**
 * What a cable cites and what cites it, breadth first to `depth` hops, within `limit` cables,
 * in one query. The query walks each side with the largest budget the side could get; the
 * budget rules are applied here: `both` splits the limit between the sides, a side that runs
 * dry hands what it did not use to the other (as long as that one has skipped nothing yet),
 * and the newest cables of a level are taken first. `truncated` is set whenever a cable within
 * `depth` may have been left out.
 */
export async function citationChain(db: Database, input: CitationInput): Promise<CitationResponse | null> {
  const [chain] = await citationChains(db, [input]);
  return chain ?? null;
}

/** The caps of the walk: the most cables one side could return, and the most rows read per level. */
function walkCaps(limit: number): { frontierCap: number; levelCap: number } {
  const frontierCap = Math.max(limit - 1, 1);
  return { frontierCap, levelCap: frontierCap * 8 };
}

/** Requests share a query when their direction, depth and limit agree. */
const chainGroup = ({ direction, depth, limit }: CitationInput) => `${direction}:${depth}:${limit}`;

/** Chains for inputs of one group (chainGroup), in one query; null where the root is unknown. */
async function citationChains(db: Database, inputs: readonly CitationInput[]): Promise<(CitationResponse | null)[]> {
  const [first] = inputs;
  if (!first) return [];
  if (inputs.some((input) => chainGroup(input) !== chainGroup(first))) throw new Error('citation chains of different groups in one query');
  const rows = await db.read<ChainRow>(chainQuery(first.direction, first.depth), {
    rootIds: [...new Set(inputs.map((input) => input.id))],
    ...walkCaps(first.limit),
  });
  const byRoot = new Map(rows.map((row) => [row.root[0], row]));
  return inputs.map((input) => {
    const row = byRoot.get(input.id);
    return row ? chainFromRow(row, input) : null;
  });
}

/**
 * Citation chains for many concurrent requests: requests of the same group that arrive while the
 * database is busy share one query (ReadBatcher). One per app.
 */
export class CitationChainReader {
  private readonly batcher: ReadBatcher<CitationInput, CitationResponse | null>;

  constructor(db: Database, options: ReadBatcherOptions = DEFAULT_BATCHING) {
    this.batcher = new ReadBatcher((inputs) => citationChains(db, inputs), options);
  }

  chain(input: CitationInput): Promise<CitationResponse | null> {
    return this.batcher.load(chainGroup(input), input);
  }
}

/** Applies the budget rules to what the query found for one root (see citationChain). */
function chainFromRow(row: ChainRow, input: CitationInput): CitationResponse {
  const sides: Side[] = input.direction === 'both' ? ['out', 'in'] : [input.direction];
  const budget = { out: 0, in: 0 };
  if (sides.length === 2) {
    budget.out = Math.ceil((input.limit - 1) / 2);
    budget.in = Math.floor((input.limit - 1) / 2);
  } else budget[input.direction as Side] = input.limit - 1;
  const { levelCap } = walkCaps(input.limit);

  const found = { out: expansions(row.outLevels, levelCap), in: expansions(row.inLevels, levelCap) };
  const cables = new Map<string, CableTuple>();
  for (const cable of [...row.outCables, ...row.inCables]) cables.set(cable[0], cable);

  const root = citationNode(row.root, 0, 'root');
  const nodes = new Map<string, CitationNode>([[root.key, root]]);
  const links = new Map<string, GraphLink>();
  const cut = { out: false, in: false };
  const frontier = { out: sides.includes('out') ? [root.key] : [], in: sides.includes('in') ? [root.key] : [] };

  for (let depth = 1; depth <= input.depth && (frontier.out.length > 0 || frontier.in.length > 0); depth++) {
    for (const side of sides) {
      const steps: [string, string][] = [];
      for (const from of frontier[side]) {
        if (found[side].cutShort.has(from)) cut[side] = true;
        for (const to of found[side].children.get(from) ?? []) steps.push([from, to]);
      }
      steps.sort(([, a], [, b]) => newestFirst(cables.get(a), cables.get(b), a, b));
      const next: string[] = [];
      for (const [from, key] of steps) {
        if (!nodes.has(key)) {
          const cable = cables.get(key);
          if (budget[side] <= 0 || !cable) {
            cut[side] = true;
            continue;
          }
          budget[side]--;
          nodes.set(key, citationNode(cable, depth, side === 'out' ? 'cites' : 'citedBy'));
          next.push(key);
        }
        const [citing, cited] = side === 'out' ? [from, key] : [key, from];
        const link = { source: nodeId({ kind: 'cable', key: citing }), target: nodeId({ kind: 'cable', key: cited }), type: 'REFERENCES' as const };
        links.set(`${link.source}>${link.target}`, link);
      }
      frontier[side] = next;
    }
    // A side whose budget is spent stops: `truncated` then means the limit stopped the walk.
    for (const side of sides) {
      if (budget[side] <= 0 && frontier[side].length > 0 && depth < input.depth) {
        cut[side] = true;
        frontier[side] = [];
      }
    }
    for (const [done, other] of [['out', 'in'], ['in', 'out']] as const) {
      if (sides.length === 2 && frontier[done].length === 0 && budget[done] > 0 && !cut[other]) {
        budget[other] += budget[done];
        budget[done] = 0;
      }
    }
  }

  const list = [...nodes.values()];
  return {
    root: root.id,
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
