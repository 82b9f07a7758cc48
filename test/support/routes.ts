import type { Express } from 'express';

interface Layer {
  route?: { path: string };
  handle?: { stack?: Layer[] };
}

/**
 * The GET routes the app serves under /api, read from Express's own router (so a robustness test
 * covers an endpoint the day it is added, not when someone remembers to list it).
 */
export function apiRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], inRouter: boolean) => {
    for (const layer of stack) {
      if (layer.route && inRouter) found.push(`/api${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack, true);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, false);
  return [...new Set(found)].sort();
}
