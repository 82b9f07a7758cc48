import type { GraphStats } from '../../server/src/queries/stats.ts';
import type { ImportSummary } from './import.ts';

function flatten(stats: GraphStats): [string, number][] {
  return [
    ['Cable nodes (all)', stats.nodes.Cable],
    ['  of which cited stubs', stats.stubs],
    ['Post nodes', stats.nodes.Post],
    ['Tag nodes', stats.nodes.Tag],
    ...Object.entries(stats.relationships).map(([type, n]): [string, number] => [`${type} relationships`, n]),
  ];
}

/** The end-of-import table: what the database holds now and what this run changed. */
export function formatSummary(summary: ImportSummary): string {
  const before = new Map(flatten(summary.before));
  const rows = flatten(summary.after).map(([name, after]) => [name, String(after), signed(after - (before.get(name) ?? 0))]);
  rows.push(
    ['Records read', String(summary.read), ''],
    ['Cables written', String(summary.imported), ''],
    ['Rejected records', String(summary.rejected), summary.rejectsFile ? `see ${summary.rejectsFile}` : ''],
    ['Time', `${summary.seconds.toFixed(1)} s`, `${(summary.bytes / 1024 / 1024 / Math.max(summary.seconds, 0.001)).toFixed(1)} MB/s`],
  );
  const header = ['', 'in database', 'this run'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n === 0 ? '0' : String(n);
}
