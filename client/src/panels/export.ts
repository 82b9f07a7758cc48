/** Export menu actions: files are built in memory and downloaded through a Blob URL. */
import type { ExportTarget } from '../commands.ts';
import type { Graph } from '../model/graph.ts';
import { exportCaption, exportStem, linksCSV, nodesCSV, toGraphML, toJSON } from '../model/export.ts';
import { keyOfId } from '../model/graph.ts';
import { methodsLog } from '../model/provenance.ts';
import { measureLabel } from '../render/measure.ts';
import { toSVG, type SvgExport } from '../render/svg.ts';
import type { SizeMetric } from '../render/theme.ts';
import type { ViewStore } from '../store.ts';
import { communityLegend, type CommunityLegend } from '../model/analysis.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';

export type ExportKind = 'png' | 'svg' | 'json' | 'nodes-csv' | 'links-csv' | 'graphml';

export interface ExportSource {
  graph: Graph;
  positions: ReadonlyMap<string, { x: number; y: number }>;
  seeds: ReadonlySet<string>;
  labelled: ReadonlySet<string>;
  viewUrl: string;
  sizeBy: SizeMetric;
  /** Colour by community: the communities in view with their colours (null: colour by type). */
  communities: CommunityLegend | null;
  /** Lines under the picture: what, corpus, filters, date (model/export.ts exportCaption). */
  caption: string[];
}

/** The picture an SVG or PNG export holds: the same label placement as the canvas, and the caption. */
export function exportPicture(src: ExportSource, title?: string): SvgExport {
  return toSVG(src.graph, src.positions, { labelled: src.labelled, sizeBy: src.sizeBy, communities: src.communities, caption: src.caption, measure: (text: string) => measureLabel(text), ...(title ? { title } : {}) });
}

/** What an export of the current view is made from. */
export function exportSource(store: ViewStore, positions: ReadonlyMap<string, { x: number; y: number }>): ExportSource {
  const { doc, derived, visible } = store;
  const labelled = new Set<string>([...derived.seeds, ...derived.expanded]);
  if (doc.selected) labelled.add(doc.selected);
  const caption = exportCaption({ seeds: [...derived.seeds].map(keyOfId), corpus: `the Cablescope database at ${location.host}`, filters: doc.filters, at: new Date() });
  return { graph: visible, positions, seeds: derived.seeds, labelled, viewUrl: location.href, sizeBy: doc.sizeBy ?? 'degree', communities: doc.colourBy === 'community' ? communityLegend(visible.nodes.values(), DEFAULT_SETTINGS.rendering.communityColours) : null, caption };
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export async function exportView(kind: ExportKind, src: ExportSource): Promise<void> {
  const stem = (ext: string) => exportStem(src.seeds, ext);
  switch (kind) {
    case 'json':
      return download(stem('json'), new Blob([toJSON(src.graph, src.positions, { view: src.viewUrl })], { type: 'application/json' }));
    case 'nodes-csv':
      return download(stem('nodes.csv'), new Blob([nodesCSV(src.graph, src.positions)], { type: 'text/csv;charset=utf-8' }));
    case 'links-csv':
      return download(stem('links.csv'), new Blob([linksCSV(src.graph)], { type: 'text/csv;charset=utf-8' }));
    case 'graphml':
      return download(stem('graphml'), new Blob([toGraphML(src.graph, src.positions)], { type: 'application/graphml+xml' }));
    case 'svg': {
      const { svg } = exportPicture(src, `Cablescope — ${src.viewUrl}`);
      return download(stem('svg'), new Blob([svg], { type: 'image/svg+xml' }));
    }
    case 'png': {
      const { svg, width, height } = exportPicture(src);
      const scale = Math.min(2, 8000 / Math.max(width, height));
      const img = new Image();
      const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      try {
        await new Promise<void>((resolve, reject) => {
          img.onload = () => resolve();
          img.onerror = () => reject(new Error('could not rasterise the SVG'));
          img.src = url;
        });
        const c = document.createElement('canvas');
        c.width = Math.round(width * scale);
        c.height = Math.round(height * scale);
        const ctx = c.getContext('2d');
        if (!ctx) throw new Error('Canvas 2D is not available');
        ctx.scale(scale, scale);
        ctx.drawImage(img, 0, 0);
        const blob = await new Promise<Blob | null>((r) => c.toBlob(r, 'image/png'));
        if (!blob) throw new Error('PNG encoding failed');
        download(stem('png'), blob);
      } finally {
        URL.revokeObjectURL(url);
      }
      return;
    }
  }
}

/** Runs an export menu entry over the current view: a file, the methods log, or the link. */
export async function exportCurrentView(target: ExportTarget, store: ViewStore, positions: ReadonlyMap<string, { x: number; y: number }>, toast: (message: string) => void): Promise<void> {
  const { doc, derived, visible } = store;
  if (target === 'log') {
    const text = methodsLog({
      ops: doc.ops,
      filters: doc.filters,
      url: location.href,
      counts: { nodes: visible.nodes.size, links: visible.links.size },
      label: (id) => derived.graph.nodes.get(id)?.name ?? undefined,
      at: new Date().toISOString(),
    });
    download(exportStem(derived.seeds, 'methods.txt'), new Blob([text], { type: 'text/plain;charset=utf-8' }));
    return;
  }
  if (target === 'link') {
    try {
      await navigator.clipboard.writeText(location.href);
      toast('Link copied: it reproduces this view.');
    } catch {
      toast('Copy the address bar: it reproduces this view.');
    }
    return;
  }
  try {
    await exportView(target, exportSource(store, positions));
  } catch (e) {
    toast(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
