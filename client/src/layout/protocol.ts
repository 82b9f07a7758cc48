/** Messages between the page and the layout worker. */
import type { LayoutLinkInput, LayoutNodeInput, UpdateOptions } from './simulation.ts';

export type ToWorker =
  | { type: 'update'; version: number; nodes: LayoutNodeInput[]; links: LayoutLinkInput[]; opts: UpdateOptions }
  | { type: 'dragStart'; id: string }
  | { type: 'drag'; id: string; x: number; y: number }
  | { type: 'dragEnd'; id: string; pin: boolean }
  | { type: 'reheat'; alpha: number };

export type FromWorker = {
  type: 'positions';
  /** The `update` version the order of `xy` refers to. */
  version: number;
  xy: Float32Array;
  running: boolean;
};
