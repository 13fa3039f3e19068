import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  define: { FAS_VERSION: JSON.stringify(pkg.version) },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Most files spend their time waiting on subprocesses and sockets, not
    // on a core: two files at a time halve the suite on a 2-core machine,
    // where vitest would otherwise run one (its default is the cores less one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
