import type { GraphStats } from '../db/graph-stats.ts';
import type { ImportSummary } from './import.ts';

function flatten(stats: GraphStats): [string, number][] {
  return [
    ['Cables (full text)', stats.nodes.Cable - stats.stubs],
    ['Cited stubs (not in corpus)', stats.stubs],
    ['Posts', stats.nodes.Post],
    ['Tags', stats.nodes.Tag],
    ['People (signers, classified by)', stats.people],
    ...Object.entries(stats.relationships).map(([type, n]): [string, number] => [`${type} relationships`, n]),
  ];
}

/** The end-of-import table: what the database holds now and what this run changed. */
export function formatSummary(summary: ImportSummary): string {
  const before = new Map(flatten(summary.before));
  const rows = flatten(summary.after).map(([name, after]) => [name, String(after), signed(after - (before.get(name) ?? 0))]);
  const seconds = Math.max(summary.seconds, 0.001);
  rows.push(
    ['Records read', String(summary.read), summary.resumedAt > 0 ? `resumed after ${summary.resumedAt}` : ''],
    ['Cables written', String(summary.imported), `${Math.round(summary.imported / seconds)} cables/s`],
    ['Rejected records', String(summary.rejected), summary.rejectsFile ? `see ${summary.rejectsFile}` : ''],
    ...(summary.relinkedPosts > 0 ? [['Posts merged into their renamed post', String(summary.relinkedPosts), 'relinked']] : []),
    ['Records with header noise', String(summary.headerNoiseRecords), summary.headerNoiseRecords > 0 ? 'no post or tag made of it' : ''],
    ...(summary.removedNoiseNodes > 0 ? [['Noise posts/tags of an older import', String(summary.removedNoiseNodes), 'deleted']] : []),
    ['Time', `${summary.seconds.toFixed(1)} s`, `${(summary.bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s`],
  );
  const header = ['', 'in database', 'this run'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n === 0 ? '0' : String(n);
}
