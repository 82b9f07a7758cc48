/**
 * A plain-text methods log of an exploration: each step of the operation log in words, the
 * filters, and the link that reproduces the view. Meant to be pasted into notes or a methods
 * section ("how we got to this graph").
 */
import type { Filters } from './graph.ts';
import { keyOfId, kindOfId } from './graph.ts';
import type { Op } from './view.ts';

const KIND_WORD = { cable: 'cable', post: 'post', tag: 'tag' } as const;

function name(id: string, label: (id: string) => string | undefined): string {
  const kind = kindOfId(id);
  const key = keyOfId(id);
  const l = label(id);
  const extra = l && l !== key ? ` (${l})` : '';
  return `${kind ? KIND_WORD[kind] : 'node'} ${key}${extra}`;
}

function list(ids: readonly string[], label: (id: string) => string | undefined): string {
  const shown = ids.slice(0, 12).map((id) => name(id, label));
  return ids.length > 12 ? `${shown.join('; ')}; and ${ids.length - 12} more` : shown.join('; ');
}

export function describeOp(op: Op, label: (id: string) => string | undefined): string {
  switch (op.t) {
    case 'seed':
      return op.add
        ? `Added ${name(op.id, label)} and its neighbourhood to the view.`
        : `Started a new view from ${name(op.id, label)} and its neighbourhood.`;
    case 'expand':
      return `Expanded ${name(op.id, label)}: merged its neighbourhood.`;
    case 'dismiss':
      return `Dismissed ${op.ids.length === 1 ? '' : `${op.ids.length} nodes: `}${list(op.ids, label)}.`;
    case 'keep':
      return `Kept only ${op.ids.length} nodes: ${list(op.ids, label)}.`;
    default: {
      const o = op as { t: string; id?: string; spec?: string };
      return `${o.t}${o.id ? ` ${name(o.id, label)}` : ''}${o.spec ? ` (${o.spec})` : ''}.`;
    }
  }
}

export interface LogInput {
  ops: readonly Op[];
  filters: Filters;
  url: string;
  counts: { nodes: number; links: number };
  label: (id: string) => string | undefined;
  /** ISO time the log was made. */
  at: string;
}

export function methodsLog(x: LogInput): string {
  const lines = [
    'Cablescope exploration log',
    `Made: ${x.at}`,
    `View: ${x.url}`,
    `Result: ${x.counts.nodes} nodes, ${x.counts.links} links in view.`,
    '',
    'Steps:',
    ...x.ops.map((op, i) => `${i + 1}. ${describeOp(op, x.label)}`),
  ];
  const f: string[] = [];
  if (x.filters.hiddenKinds.length) f.push(`hidden node types: ${x.filters.hiddenKinds.join(', ')}`);
  if (x.filters.hiddenLinks.length) f.push(`hidden link types: ${x.filters.hiddenLinks.join(', ')}`);
  if (x.filters.from || x.filters.to) f.push(`cable dates: ${x.filters.from ?? '…'} to ${x.filters.to ?? '…'}`);
  if (x.filters.hiddenClasses?.length) f.push(`hidden classifications: ${x.filters.hiddenClasses.join(', ')}`);
  lines.push('', `Filters: ${f.length ? f.join('; ') : 'none'}.`);
  lines.push('', 'Neighbourhoods are capped by the server; a step may show only the best-connected neighbours.', '');
  return lines.join('\n');
}
