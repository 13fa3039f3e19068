#!/usr/bin/env node
// Kept tiny on purpose: everything else loads from the bundle, on demand.
import { readFileSync } from 'node:fs';
import module from 'node:module';

// Before anything else: on an older Node, the bundle fails on a missing API with a stack trace.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(`Error: fas needs Node.js 22.13 or newer; this is Node.js ${process.versions.node}\n`);
  process.exit(1);
}

// `fas --version` and `fas --help` run in scripts and CI logs often enough to
// answer from text rendered at build time, without loading the program. The
// help is rendered for a pipe (80 columns), so a terminal of another width
// gets it from the program instead.
const args = process.argv.slice(2);
const asked = args.length === 1 ? { '--version': 'version', '-v': 'version', '--help': 'help', '-h': 'help' }[args[0]] : undefined;
if (asked && (asked === 'version' || !process.stdout.isTTY || process.stdout.columns === 80)) {
  let text;
  try {
    text = JSON.parse(readFileSync(new URL('../dist/fast-path.json', import.meta.url), 'utf8'))[asked];
  } catch {
    // No pre-rendered text (an unusual build): the program answers below.
  }
  if (typeof text === 'string') {
    process.stdout.write(text);
    process.exit(0);
  }
}

// Compiled bytecode is cached between runs (Node >= 22.1).
module.enableCompileCache();

await import('../dist/cli.js');
