// Builds what the package ships: the contract's types, the CLI bundle (split
// so that each command loads only what it needs) and the library with its
// declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { bundleOptions, root } from './bundle-options.mjs';
import { requestValidators } from './request-validators.mjs';

const check = process.argv.includes('--check-schema');

const header = '// Generated from openapi/fas.yaml by scripts/build.mjs. Do not edit.\n';
const documentUrl = new URL('../openapi/fas.yaml', import.meta.url);
// enumValues: the enums also as arrays of their values, for the CLI's choices and the sandbox's checks.
const ast = await openapiTS(documentUrl, { enumValues: true });
const generated = {
  'src/api/schema.ts': header + astToString(ast),
  // Request validation (the sandbox's), compiled here so that nothing is compiled as the sandbox starts.
  'src/api/operations.gen.ts': requestValidators(parse(readFileSync(documentUrl, 'utf8'))),
};
for (const [path, text] of Object.entries(generated)) {
  let current = '';
  try { current = readFileSync(`${root}${path}`, 'utf8'); } catch {}
  if (current === text) continue;
  if (check) {
    console.error(`${path} is out of date with openapi/fas.yaml: run npm run build`);
    process.exit(1);
  }
  writeFileSync(`${root}${path}`, text);
}
if (check) process.exit(0);

rmSync(`${root}dist`, { recursive: true, force: true });

// The CLI and the library are bundled apart: split together, every module
// both use would be a chunk of its own, and each chunk is one more file for
// every command to load.
await Promise.all([
  // Split so that each command loads only what it needs.
  build({ ...bundleOptions, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
  build({ ...bundleOptions, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', splitting: true, chunkNames: 'lib/[name]-[hash]' }),
]);

// What bin/fas.js prints for --version and --help, rendered by the program
// itself through a pipe, so the two answers cannot differ.
const render = (flag) => execFileSync(process.execPath, [`${root}dist/cli.js`, flag], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
writeFileSync(`${root}dist/fast-path.json`, JSON.stringify({ version: render('--version'), help: render('--help') }));

execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json', '--emitDeclarationOnly'], {
  cwd: root,
  stdio: 'inherit',
});
