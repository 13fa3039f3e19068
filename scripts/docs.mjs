// npm run docs: writes docs/commands.md from the program itself
// (src/cli/reference.ts), bundled for the occasion. A test fails when the
// file is stale.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleOptions, root } from './bundle-options.mjs';

const dir = mkdtempSync(join(tmpdir(), 'fas-docs-'));
try {
  await build({ ...bundleOptions, entryPoints: ['src/cli/reference.ts'], outfile: join(dir, 'reference.mjs') });
  const { fasReference } = await import(pathToFileURL(join(dir, 'reference.mjs')).href);
  writeFileSync(`${root}docs/commands.md`, fasReference());
  console.error('wrote docs/commands.md');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
