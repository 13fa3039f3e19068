// Builds what the package ships: the contract's types, the CLI bundle (split
// so that each command loads only what it needs) and the library with its
// declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { requestValidators } from './request-validators.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
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

// The client never asks undici for HTTP/2, yet undici's Client loads its
// HTTP/2 half, and with it node:http2 and node:tls, on every start.
const withoutHttp2 = {
  name: 'without-http2',
  setup(b) {
    b.onResolve({ filter: /\/client-h2\.js$/ }, (args) =>
      /node_modules[\\/]undici[\\/]/.test(args.importer) ? { path: args.path, namespace: 'without-http2' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'without-http2' }, () => ({
      contents: "module.exports = function connectH2 () { throw new Error('HTTP/2 is not used by fas') }",
      loader: 'js',
    }));
  },
};

const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
rmSync(`${root}dist`, { recursive: true, force: true });

// The CLI and the library are bundled apart: split together, every module
// both use would be a chunk of its own, and each chunk is one more file for
// every command to load.
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  // The native addon cannot be bundled; it stays a runtime dependency.
  external: ['better-sqlite3'],
  define: { FAS_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __fasCreateRequire } from 'node:module'; const require = __fasCreateRequire(import.meta.url);" },
  legalComments: 'none',
  plugins: [withoutHttp2],
  logLevel: 'warning',
};
await Promise.all([
  // Split so that each command loads only what it needs.
  build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
  build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', splitting: true, chunkNames: 'lib/[name]-[hash]' }),
]);

// What bin/fas.js prints for --version and --help, rendered by the program
// itself through a pipe, so the two answers cannot differ.
const render = (flag) => execFileSync(process.execPath, [`${root}dist/cli.js`, flag], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
writeFileSync(`${root}dist/fast-path.json`, JSON.stringify({ version: render('--version'), help: render('--help') }));

execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json', '--emitDeclarationOnly'], {
  cwd: root,
  stdio: 'inherit',
});
