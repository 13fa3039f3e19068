import { setFlagsFromString } from 'node:v8';
import { processHost } from './shared/host.js';
import { processIO } from './shared/io.js';
import { runCli } from './run.js';

// undici parses HTTP with a WebAssembly module. V8 compiles it at once with
// its baseline compiler, then optimises it again on background threads, and
// the process cannot exit before that is done: about 100 ms on every command,
// for a parser that reads a few kilobytes. The CLI keeps the baseline code;
// the library leaves V8's settings to the program that imports it.
setFlagsFromString('--liftoff-only');

// `fas spots list | head -1`: once the reader has closed the pipe, the rest
// of the output has nowhere to go. Stop quietly, as a Unix tool would, not
// with a stack trace; success, because the reader chose to stop.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') process.stderr.write(`Error: cannot write the output: ${err.message}\n`);
  process.exit(err.code === 'EPIPE' ? 0 : 1);
});
// With stderr closed, messages have nowhere to go either; the exit code still tells.
process.stderr.on('error', () => {});

// The only place that hands the process to the CLI: everything else gets it from the context.
process.exitCode = await runCli({ argv: process.argv.slice(2), env: process.env, io: processIO(process), host: processHost(process) });
