#!/usr/bin/env node
// Kept tiny on purpose: everything else loads from the bundle, on demand.
import module from 'node:module';

// Node >= 22.1 can cache compiled bytecode between runs; older Node simply skips it.
module.enableCompileCache?.();

await import('../dist/cli.js');
