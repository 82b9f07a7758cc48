/**
 * graphology-communities-louvain is a CommonJS module whose typings declare an ES default
 * export; under NodeNext TypeScript then types `import x from` as the module object. Loading
 * it with require gives the function itself, typed from the package's own declarations.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const louvain: typeof import('graphology-communities-louvain').default = require('graphology-communities-louvain');
