import { setFlagsFromString } from 'node:v8';
import { runCli } from './program.js';

// undici parses HTTP with a WebAssembly module. V8 compiles it at once with
// its baseline compiler, then optimises it again on background threads, and
// the process cannot exit before that is done: about 100 ms on every command,
// for a parser that reads a few kilobytes. The CLI keeps the baseline code;
// the library leaves V8's settings to the program that imports it.
setFlagsFromString('--liftoff-only');

process.exitCode = await runCli(process.argv.slice(2));
