// npm run docs: writes docs/commands.md from the program itself
// (src/cli/reference.ts), bundled for the occasion. A test fails when the
// file is stale.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleOptions, root } from './bundle-options.mjs';

// Inside the project, so that the bundle's packages (better-sqlite3) resolve.
mkdirSync(`${root}node_modules/.cache`, { recursive: true });
const dir = mkdtempSync(`${root}node_modules/.cache/fas-docs-`);
try {
  await build({ ...bundleOptions, entryPoints: ['src/cli/reference.ts'], outfile: join(dir, 'reference.mjs') });
  const { fasReference } = await import(pathToFileURL(join(dir, 'reference.mjs')).href);
  writeFileSync(`${root}docs/commands.md`, fasReference());
  console.error('wrote docs/commands.md');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
