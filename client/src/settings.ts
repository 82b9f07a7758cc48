/**
 * Every tunable of the explorer in one typed object, grouped by concern (as sigma.js does), with
 * defaults and validation. `resolveSettings` takes overrides (tests, benchmarks) and rejects a
 * value outside its range with a message naming it, so a typo never silently becomes NaN.
 */

export interface ClientSettings {
  data: {
    /** Most cables of a citation chain. */
    citationLimit: number;
    /** Search suggestions shown. */
    searchLimit: number;
    /** Answers kept by the API client's cache. */
    apiCacheEntries: number;
  };
  layout: {
    /** Energy of the layout when new nodes join an existing graph (0–1). */
    growAlpha: number;
    /** Energy of the first layout of a fresh view. */
    freshAlpha: number;
    /** Energy when only links changed (a nudge). */
    nudgeAlpha: number;
    /** Duration of the animated fit after a search, an expansion or a drill (ms; none when the user prefers reduced motion). */
    fitMs: number;
  };
  rendering: {
    /** Opacity of what a hover highlight leaves out. */
    dimAlpha: number;
    /** Above this many nodes, nodes are drawn in one batched path per style. */
    batchNodesAbove: number;
    /** Above this many nodes, links and labels are skipped while the view moves. */
    largeGraphNodes: number;
    /** Above this many links, link dashes are dropped. */
    manyLinks: number;
    /** Colour by community: the largest communities in view that get a colour of their own (the rest share "other"; at most 12, the palette). */
    communityColours: number;
  };
  labels: {
    /** Most labels on screen (also bounded by the screen area). */
    maxLabels: number;
    /** A node smaller than this on screen (px) gets no label unless it is selected, hovered or expanded. */
    minScreenRadius: number;
  };
}

export const DEFAULT_SETTINGS: ClientSettings = {
  data: { citationLimit: 400, searchLimit: 12, apiCacheEntries: 2000 },
  layout: { growAlpha: 0.4, freshAlpha: 0.8, nudgeAlpha: 0.06, fitMs: 500 },
  rendering: { dimAlpha: 0.13, batchNodesAbove: 700, largeGraphNodes: 2500, manyLinks: 3000, communityColours: 8 },
  labels: { maxLabels: 220, minScreenRadius: 4.5 },
};

/** Inclusive range of each setting; integers where `int` is set. */
const RANGES: { [G in keyof ClientSettings]: { [K in keyof ClientSettings[G]]: [min: number, max: number, int?: 'int'] } } = {
  data: { citationLimit: [1, 2000, 'int'], searchLimit: [1, 50, 'int'], apiCacheEntries: [10, 1e6, 'int'] },
  layout: { growAlpha: [0, 1], freshAlpha: [0, 1], nudgeAlpha: [0, 1], fitMs: [0, 5000, 'int'] },
  rendering: { dimAlpha: [0, 1], batchNodesAbove: [0, 1e7, 'int'], largeGraphNodes: [0, 1e7, 'int'], manyLinks: [0, 1e7, 'int'], communityColours: [1, 12, 'int'] },
  labels: { maxLabels: [0, 10000, 'int'], minScreenRadius: [0, 100] },
};

export type SettingsOverrides = { [G in keyof ClientSettings]?: Partial<ClientSettings[G]> };

export function resolveSettings(overrides: SettingsOverrides = {}): ClientSettings {
  const out = structuredClone(DEFAULT_SETTINGS);
  for (const [group, values] of Object.entries(overrides) as [keyof ClientSettings, Record<string, unknown>][]) {
    const ranges = RANGES[group] as Record<string, [number, number, 'int'?]> | undefined;
    if (!ranges) throw new Error(`unknown settings group "${group}"`);
    for (const [name, value] of Object.entries(values ?? {})) {
      const range = ranges[name];
      if (!range) throw new Error(`unknown setting ${group}.${name}`);
      const [min, max, int] = range;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (int && !Number.isInteger(value))) {
        throw new Error(`setting ${group}.${name} must be ${int ? 'an integer' : 'a number'} from ${min} to ${max}, not ${JSON.stringify(value)}`);
      }
      (out[group] as Record<string, number>)[name] = value;
    }
  }
  return out;
}
