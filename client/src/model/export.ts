/** Data exports of the current view: JSON, CSV (nodes, links) and GraphML. Pure functions. */
import { csvField, csvRow } from '../../../server/src/api/csv.ts';
import type { Filters, Graph, GraphNode } from './graph.ts';

export { csvField };

export type Positions = ReadonlyMap<string, { x: number; y: number }>;

export function toJSON(g: Graph, positions: Positions, meta: { view?: string } = {}): string {
  const nodes = [...g.nodes.values()].map((n) => {
    const p = positions.get(n.id);
    return { ...n, ...(p ? { x: round(p.x), y: round(p.y) } : {}) };
  });
  const links = [...g.links.values()].map((l) => ({ source: l.source, target: l.target, type: l.type }));
  return JSON.stringify({ generator: 'Cablescope', ...(meta.view ? { view: meta.view } : {}), nodes, links }, null, 2);
}

const round = (x: number): number => Math.round(x * 10) / 10;


export function nodesCSV(g: Graph, positions: Positions): string {
  const head = ['id', 'kind', 'key', 'label', 'degree', 'cited_by', 'in_corpus', 'date', 'classification', 'x', 'y'];
  const rows = [...g.nodes.values()].map((n) => {
    const p = positions.get(n.id);
    return csvRow([n.id, n.kind, n.key, n.label, n.degree, n.citedBy ?? '', n.kind === 'cable' ? n.inCorpus !== false : '', n.date ?? '', n.classification ?? '', p ? round(p.x) : '', p ? round(p.y) : '']);
  });
  return [csvRow(head), ...rows].join('\r\n') + '\r\n';
}

export function linksCSV(g: Graph): string {
  const rows = [...g.links.values()].map((l) => csvRow([l.source, l.target, l.type]));
  return [csvRow(['source', 'target', 'type']), ...rows].join('\r\n') + '\r\n';
}

export function xmlEscape(s: string): string {
  // Characters not allowed in XML 1.0 are dropped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export function toGraphML(g: Graph, positions: Positions): string {
  const keys: [string, 'node' | 'edge', string, string][] = [
    ['kind', 'node', 'kind', 'string'],
    ['key', 'node', 'key', 'string'],
    ['label', 'node', 'label', 'string'],
    ['degree', 'node', 'degree', 'int'],
    ['citedBy', 'node', 'citedBy', 'int'],
    ['inCorpus', 'node', 'inCorpus', 'boolean'],
    ['date', 'node', 'date', 'string'],
    ['classification', 'node', 'classification', 'string'],
    ['x', 'node', 'x', 'double'],
    ['y', 'node', 'y', 'double'],
    ['type', 'edge', 'type', 'string'],
  ];
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, on, name, type]) => `  <key id="${id}" for="${on}" attr.name="${name}" attr.type="${type}"/>`),
    '  <graph id="cablescope" edgedefault="directed">',
  ];
  const data = (k: string, v: unknown) => (v === null || v === undefined || v === '' ? '' : `<data key="${k}">${xmlEscape(String(v))}</data>`);
  for (const n of g.nodes.values()) {
    const p = positions.get(n.id);
    out.push(
      `    <node id="${xmlEscape(n.id)}">${data('kind', n.kind)}${data('key', n.key)}${data('label', n.label)}${data('degree', n.degree)}${data('citedBy', n.citedBy)}${
        n.kind === 'cable' ? data('inCorpus', n.inCorpus !== false) : ''
      }${data('date', n.date)}${data('classification', n.classification)}${p ? data('x', round(p.x)) + data('y', round(p.y)) : ''}</node>`,
    );
  }
  let i = 0;
  for (const l of g.links.values()) {
    out.push(`    <edge id="e${i++}" source="${xmlEscape(l.source)}" target="${xmlEscape(l.target)}">${data('type', l.type)}</edge>`);
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/** A file-name-safe stem for exports: `cablescope-07LONDON3923`. */
export function exportStem(seeds: Iterable<string>, ext: string): string {
  const first = [...seeds][0];
  const stem = first ? first.replace(/^[a-z]+:/, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) : 'view';
  return `cablescope-${stem}.${ext}`;
}

export type { GraphNode };

export interface CaptionInput {
  /** Where the view came from: the seeds' keys. */
  seeds: readonly string[];
  /** The corpus: what the server holds (its address, and its size when known). */
  corpus: string;
  filters: Filters;
  /** Export time. */
  at: Date;
}

/**
 * The caption printed under an exported picture: what it shows, from which corpus, under which
 * filters, and when it was exported, so a picture in a story says where it came from.
 */
export function exportCaption(c: CaptionInput): string[] {
  const f = c.filters;
  const parts: string[] = [];
  if (f.from || f.to) parts.push(`dates ${f.from ?? '…'} to ${f.to ?? '…'}`);
  if (f.hiddenClasses?.length) parts.push(`hidden classifications: ${f.hiddenClasses.join(', ')}`);
  if (f.hiddenKinds.length) parts.push(`hidden: ${f.hiddenKinds.map((k) => `${k}s`).join(', ')}`);
  if (f.hiddenLinks.length) parts.push(`hidden links: ${f.hiddenLinks.join(', ')}`);
  const when = `${c.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return [
    `Cablescope · ${c.seeds.length ? `started from ${c.seeds.join(', ')}` : 'empty view'}`,
    `Corpus: ${c.corpus} · Filters: ${parts.length ? parts.join('; ') : 'none'} · Exported ${when}`,
  ];
}
