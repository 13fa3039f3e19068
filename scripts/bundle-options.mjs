// The esbuild options every bundle of fas shares: the package's (build.mjs)
// and the one docs.mjs makes of the program to write its reference.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

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

export const bundleOptions = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22.13',
  define: { FAS_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS packages call require() for Node built-ins.
  banner: { js: "import { createRequire as __fasCreateRequire } from 'node:module'; const require = __fasCreateRequire(import.meta.url);" },
  legalComments: 'none',
  plugins: [withoutHttp2],
  logLevel: 'warning',
};
