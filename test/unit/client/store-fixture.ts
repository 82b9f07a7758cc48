/** A view store over canned graph answers, with the address bar as an object (for node:test). */
import type { GraphNode, GraphResponse } from '../../../client/src/model/graph.ts';
import { ViewStore } from '../../../client/src/store.ts';
import type { StoreEvent } from '../../../client/src/store.ts';

const cable = (key: string): GraphNode => ({ id: `cable:${key}`, kind: 'cable', key, label: key, degree: 2, inCorpus: true, subject: null });
const post = (key: string): GraphNode => ({ id: `post:${key}`, kind: 'post', key, label: key, degree: 5, name: null });

export const SEED: GraphResponse = {
  center: 'cable:07LONDON3923',
  total: 2,
  truncated: false,
  nodes: [cable('07LONDON3923'), post('LONDON'), cable('07LONDON3175')],
  links: [
    { source: 'cable:07LONDON3923', target: 'post:LONDON', type: 'FROM' },
    { source: 'cable:07LONDON3923', target: 'cable:07LONDON3175', type: 'REFERENCES' },
  ],
};
export const LONDON: GraphResponse = {
  center: 'post:LONDON',
  total: 3,
  truncated: true,
  nodes: [post('LONDON'), cable('07LONDON3923'), cable('08LONDON1')],
  links: [
    { source: 'cable:07LONDON3923', target: 'post:LONDON', type: 'FROM' },
    { source: 'cable:08LONDON1', target: 'post:LONDON', type: 'FROM' },
  ],
};

/** A store over canned answers; `settle()` waits for the fetches it started. */
export function makeStore(answers: Record<string, GraphResponse> = { [SEED.center]: SEED, [LONDON.center]: LONDON }, hash = '') {
  const arrived = new Map<string, GraphResponse>();
  const loads: string[] = [];
  const url = { hash, writes: [] as { fragment: string; mode: string }[] };
  const events: StoreEvent[] = [];
  let pending: Promise<unknown>[] = [];
  const store = new ViewStore({
    source: {
      peek: (key) => arrived.get(key),
      load: (key) => {
        loads.push(key);
        const p = new Promise<GraphResponse>((resolve, reject) =>
          setImmediate(() => {
            const a = answers[key];
            if (!a) return reject(new Error('404'));
            arrived.set(key, a);
            resolve(a);
          }),
        );
        pending.push(p.catch(() => undefined));
        return p;
      },
    },
    url: {
      read: () => url.hash,
      write: (fragment, mode) => {
        url.hash = fragment;
        url.writes.push({ fragment, mode });
      },
    },
    describeError: (id) => `${id} is not in the database`,
    viewportDelay: 0,
  });
  store.subscribe((e) => events.push(e));
  const settle = async () => {
    while (pending.length) {
      const now = pending;
      pending = [];
      await Promise.all(now);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { store, url, loads, events, settle, arrived };
}
