import { Router, type Request } from 'express';
import { z } from 'zod';
import { csvTable } from '../api/csv.ts';
import type { AnalysisStatus, OverviewResponse, RankedCable, RankResponse, RelatedResponse } from '../api/types.ts';
import type { Database } from '../db/driver.ts';
import { analysisNotRun, notFound, parseOr400 } from '../http/errors.ts';
import { analysisStatus } from '../queries/analysis-state.ts';
import { memo } from '../queries/memo.ts';
import { overview } from '../queries/overview.ts';
import { rankCables } from '../queries/rank.ts';
import { relatedCables } from '../queries/related.ts';
import { rangeIsOrdered, rangeMessage, scopeFields, toCableScope } from './explorer-params.ts';
import { cableIdParam, limitParam } from './params.ts';

/** How long the analysis status is reused between requests (it changes only with a run or import). */
const STATUS_TTL_MS = 2_000;
/** Most rows one CSV export answers (page with `offset` for more). */
export const RANK_CSV_MAX = 5_000;

const overviewQuery = z.object({ ...scopeFields }).refine(rangeIsOrdered, rangeMessage);

const rankQuery = z
  .object({
    by: z.enum(['pagerank', 'cited', 'hits'], { message: 'expected pagerank, cited or hits' }).default('pagerank'),
    order: z.enum(['desc', 'asc'], { message: 'expected desc or asc' }).default('desc'),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(RANK_CSV_MAX).optional(),
    format: z.enum(['json', 'csv'], { message: 'expected json or csv' }).optional(),
    /** A REF thread (named by its smallest cable id): rank only its cables. */
    thread: cableIdParam.optional(),
    ...scopeFields,
  })
  .refine(rangeIsOrdered, rangeMessage);

const relatedParams = z.object({ id: cableIdParam });
const relatedQuery = z.object({ limit: limitParam(20, 20) });

/** The analysis status, or a 503 saying how to run the analysis when it never has. */
async function requireAnalysis(db: Database): Promise<AnalysisStatus> {
  const status = await memo(db, 'analysis-status', () => analysisStatus(db), STATUS_TTL_MS);
  if (!status) throw analysisNotRun();
  return status;
}

const wantsCsv = (req: Request, format: 'json' | 'csv' | undefined) =>
  format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');

/** Corpus-wide views computed by the analysis step: overview, rankings, related cables. */
export function analysisRouter(db: Database): Router {
  const router = Router();

  router.get('/overview', async (req, res) => {
    const q = parseOr400(overviewQuery, req.query);
    // The one analysis endpoint that answers before any run: the front page shows what the
    // corpus holds (counts, months, posts, tags) and says how to run the analysis.
    const analysis = await memo(db, 'analysis-status', () => analysisStatus(db), STATUS_TTL_MS);
    const body: OverviewResponse = { ...(await overview(db, toCableScope(q), { storedBy: analysis?.current ? analysis.ranAt : null, run: analysis?.ranAt ?? null })), analysis };
    res.json(body);
  });

  router.get('/rank', async (req, res) => {
    const q = parseOr400(rankQuery, req.query);
    const csv = wantsCsv(req, q.format);
    // JSON pages are for screens (at most 200 rows); CSV is the export (at most RANK_CSV_MAX).
    const limit = Math.min(q.limit ?? (csv ? RANK_CSV_MAX : 50), csv ? RANK_CSV_MAX : 200);
    const analysis = await requireAnalysis(db);
    const { total, items } = await rankCables(db, { by: q.by, order: q.order, scope: toCableScope(q), thread: q.thread ?? null, offset: q.offset, limit }, analysis.ranAt);
    if (csv) {
      res.type('text/csv; charset=utf-8').attachment(`cablescope-rank-${q.by}.csv`).send(rankCsv(items, q.offset));
      return;
    }
    const body: RankResponse = { by: q.by, order: q.order, total, offset: q.offset, limit, items, analysis };
    res.json(body);
  });

  router.get('/cables/:id/related', async (req, res) => {
    const { id } = parseOr400(relatedParams, req.params);
    const { limit } = parseOr400(relatedQuery, req.query);
    const analysis = await requireAnalysis(db);
    const related = await relatedCables(db, id, limit, analysis.ranAt);
    if (!related) throw notFound(`Cable ${id}`);
    const body: RelatedResponse = { id, ...related, analysis };
    res.json(body);
  });

  return router;
}

function rankCsv(items: RankedCable[], offset: number): string {
  const head = ['rank', 'id', 'subject', 'date', 'estimated_date', 'classification', 'in_corpus', 'sender', 'cited_by', 'cites', 'pagerank', 'hub', 'authority', 'thread', 'community'];
  return csvTable(
    head,
    items.map((c, i) => {
      const a = c.analysis;
      return [offset + i + 1, c.id, c.subject, c.date, a.estimatedDate?.date, c.classification, c.inCorpus, c.sender, a.citationsIn, a.citationsOut, a.pagerank, a.hub, a.authority, a.thread, a.community];
    }),
  );
}
