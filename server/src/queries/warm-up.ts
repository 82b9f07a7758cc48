import type { Database } from '../db/driver.ts';
import { getCable } from './cables.ts';
import { citationChain } from './citations.ts';
import { expand } from './expand.ts';
import { noFilter, noScope } from './filters.ts';
import { analysisStatus } from './analysis-state.ts';
import { overview } from './overview.ts';
import { rankCables } from './rank.ts';
import { relatedCables } from './related.ts';
import { explorerSettings } from '../settings.ts';
import { getNeighbourhood } from './graph.ts';
import type { NodeRef } from './node-ids.ts';
import { search, suggest } from './search.ts';
import { timeline } from './timeline.ts';

const samplesQuery = `
OPTIONAL MATCH (c:Cable {inCorpus: true}) WITH c LIMIT 1
OPTIONAL MATCH (p:Post) WITH c, p LIMIT 1
OPTIONAL MATCH (t:Tag) WITH c, p, t LIMIT 1
RETURN c.id AS cable, p.key AS post, t.code AS tag, c.subject AS subject`;

/**
 * Runs the queries behind a first page view once, so that Neo4j has planned them before the
 * first visitor asks (a cold plan cost ~0.6 s on the first neighbourhood, well over the time
 * the whole page takes once warm). The answers are thrown away; failures are ignored, since a
 * database that is not reachable yet is reported elsewhere.
 */
export async function warmUpQueries(db: Database): Promise<number> {
  const [samples] = await db.read<{ cable: string | null; post: string | null; tag: string | null; subject: string | null }>(samplesQuery);
  if (!samples?.cable) return 0;
  const cable: NodeRef = { kind: 'cable', key: samples.cable };
  const refs: NodeRef[] = [cable];
  if (samples.post) refs.push({ kind: 'post', key: samples.post });
  if (samples.tag) refs.push({ kind: 'tag', key: samples.tag });
  const word = samples.subject?.split(/[^A-Za-z]+/).find((w) => w.length >= 4) ?? 'embassy';
  // In the order a visitor meets them: the front page, then the search box, then the graph and
  // the reader. After a restart requests are admitted query by query and the warm-up yields to
  // them, so this order decides what is ready first for the visitors nobody has served yet.
  const runs: (() => Promise<unknown>)[] = [
    // the front page: the stored overview (or, with no current analysis, the corpus-wide pass), a rank page, a related list
    async () => {
      const status = await analysisStatus(db);
      // Before any run the front page still shows the counts and months: plan that pass too.
      await overview(db, noScope, { storedBy: status?.current ? status.ranAt : null, run: status?.ranAt ?? null });
      if (!status) return;
      await rankCables(db, { by: 'pagerank', order: 'desc', scope: noScope, offset: 0, limit: 50 }, status.ranAt);
      await relatedCables(db, cable.key, 20, status.ranAt);
    },
    () => suggest(db, { text: word.slice(0, 4), cableIdPrefix: null, limit: 5 }),
    () => search(db, { text: word, cableIdPrefix: null, limit: 10 }),
    ...refs.map((ref) => () => getNeighbourhood(db, { ref, threshold: explorerSettings.hubThreshold, maxNodes: explorerSettings.maxNewNodes })),
    () => getCable(db, cable.key),
    ...[2, 3].map((depth) => () => citationChain(db, { id: cable.key, direction: 'both', depth, limit: 300 })),
    ...refs.map((ref) => () =>
      expand(db, { ref, types: [], direction: 'both', order: 'importance', kinds: null, filter: noFilter, sender: null, mode: 'auto', threshold: explorerSettings.hubThreshold, offset: 0, limit: 50 }),
    ),
    ...refs.map((ref) => () => timeline(db, { kind: 'node', ref, role: 'any' }, noFilter)),
  ];
  let done = 0;
  for (const run of runs) {
    try {
      await run();
      done++;
    } catch {
      // a query that fails here fails again, with a proper error, when a visitor asks
    }
  }
  return done;
}
