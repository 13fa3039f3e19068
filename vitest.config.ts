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
    // Many files spend much of their time waiting (a hook's 5 s grace, a
    // backoff, a sandbox's provisioning), not on a core: one file more than
    // the cores keeps them busy. On 2 cores, side by side: 111 s with two
    // files at a time, 79 s with three, 66 s with four (which leaves less
    // room for a loaded machine's timing).
    maxWorkers: availableParallelism() + 1,
    // `vitest run --coverage`: what the suite runs of src, in-process runs
    // included (a spawned fas runs dist, which no test's coverage sees).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/api/schema.ts', 'src/api/operations.gen.ts', 'src/**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
