/**
 * graphology's algorithm packages are CommonJS modules whose typings declare an ES default
 * export; under NodeNext TypeScript then types `import x from` as the module object. Loading
 * them with require gives the function itself, typed from the packages' own declarations.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const pagerank: typeof import('graphology-metrics/centrality/pagerank.js').default = require('graphology-metrics/centrality/pagerank');
export const louvain: typeof import('graphology-communities-louvain').default = require('graphology-communities-louvain');
