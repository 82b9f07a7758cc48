/// <reference lib="webworker" />
/**
 * Layout worker entry: runs ForceLayout off the main thread and streams positions back as
 * transferable Float32Arrays, at most once per ~16 ms of simulation work.
 */
import { ForceLayout } from './simulation.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const layout = new ForceLayout();
let version = 0;
let scheduled = false;
let dragging = false;

function post(): void {
  const xy = layout.positions();
  const msg: FromWorker = { type: 'positions', version, xy, running: layout.running };
  scope.postMessage(msg, [xy.buffer]);
}

function loop(): void {
  scheduled = false;
  const start = performance.now();
  do layout.tick(1);
  while (layout.running && performance.now() - start < 14);
  post();
  if (layout.running || dragging) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(loop, 0);
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  switch (m.type) {
    case 'update':
      version = m.version;
      layout.update(m.nodes, m.links, m.opts);
      post();
      break;
    case 'dragStart':
      dragging = true;
      layout.dragStart(m.id);
      break;
    case 'drag':
      layout.drag(m.id, m.x, m.y);
      break;
    case 'dragEnd':
      dragging = false;
      layout.dragEnd(m.id, m.pin);
      break;
    case 'reheat':
      layout.reheat(m.alpha);
      break;
  }
  schedule();
};
