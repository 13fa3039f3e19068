// npm run docs: writes docs/commands.md from the program itself
// (src/cli/reference.ts), bundled for the occasion. A test fails when the
// file is stale.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
// Inside the project, so that the bundle's packages (better-sqlite3) resolve.
mkdirSync(`${root}node_modules/.cache`, { recursive: true });
const dir = mkdtempSync(`${root}node_modules/.cache/fas-docs-`);
try {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/reference.ts'],
    outfile: join(dir, 'reference.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: ['better-sqlite3'],
    define: { FAS_VERSION: JSON.stringify(pkg.version) },
    banner: { js: "import { createRequire as __fasCreateRequire } from 'node:module'; const require = __fasCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const { fasReference } = await import(pathToFileURL(join(dir, 'reference.mjs')).href);
  writeFileSync(`${root}docs/commands.md`, fasReference());
  console.error('wrote docs/commands.md');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
