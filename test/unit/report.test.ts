// The CLI's one error handler masks the token in whatever it prints, whichever
// code built the message: the safety net behind the client's own masking.
import { describe, expect, it } from 'vitest';
import { ExecutionFailedError, NetworkError } from '../../src/errors.js';
import { testIO } from '../../src/cli/shared/io.js';
import { Output } from '../../src/cli/output/output.js';
import { report, Reported } from '../../src/cli/shared/report.js';
import { STACK_TRACE } from '../helpers/cli.js';

const TOKEN = 'Tok/never+Print=5f1c9a';

async function printed(err: unknown, debug = false): Promise<{ code: number; stderr: string }> {
  const { io, stderr } = testIO();
  const out = await Output.create(io, { format: 'table', quiet: false, color: false });
  return { code: report(err, out, { debug, token: TOKEN }), stderr: stderr() };
}

describe('report()', () => {
  it('masks the token in message and hint, in any spelling', async () => {
    const err = new ExecutionFailedError(`failed with ${TOKEN.toUpperCase()}`, { hint: `retry with ${encodeURIComponent(TOKEN)}` });
    expect(await printed(err)).toEqual({ code: 5, stderr: 'Error: failed with [token]\nHint: retry with [token]\n' });
  });

  it('masks it in the --debug cause and in an unexpected error', async () => {
    const cause = new Error(`socket said ${TOKEN.replace('/', '\\/')}`);
    const network = await printed(new NetworkError('connection reset', { cause }), true);
    expect(network.stderr).toBe('Error: connection reset\n[debug] caused by Error: socket said [token]\n');
    expect(network.stderr).not.toMatch(/never/i);
    const unexpected = await printed(new Error(`boom ${TOKEN}`));
    expect(unexpected.stderr).toMatch(/^Error: unexpected error: boom \[token\]\n/);
  });

  it('with --debug, gives the chain of causes, never a stack trace', async () => {
    const socket = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const inner = new TypeError('cannot read the answer', { cause: socket });
    const unexpected = await printed(new Error('boom', { cause: inner }), true);
    expect(unexpected.code).toBe(1);
    expect(unexpected.stderr).toBe(
      'Error: unexpected error: boom\n[debug] Error: boom\n[debug] caused by TypeError: cannot read the answer\n[debug] caused by Error (ECONNRESET): read ECONNRESET\n',
    );
    const known = await printed(new NetworkError('the connection was closed', { cause: inner }), true);
    expect(known.stderr).toBe(
      'Error: the connection was closed\n[debug] caused by TypeError: cannot read the answer\n[debug] caused by Error (ECONNRESET): read ECONNRESET\n',
    );
    for (const r of [unexpected, known]) expect(r.stderr).not.toMatch(STACK_TRACE);
    // A cause that is its own cause ends the chain rather than the process.
    const loop = new Error('loop');
    (loop as { cause?: unknown }).cause = loop;
    expect((await printed(new Error('top', { cause: loop }), true)).stderr).toBe('Error: unexpected error: top\n[debug] Error: top\n[debug] caused by Error: loop\n');
  });

  it('names the subject of one of several failures, and prints nothing more for what was said already', async () => {
    expect((await printed(new ExecutionFailedError('it failed'))).stderr).toBe('Error: it failed\n');
    const { io, stderr } = testIO();
    const out = await Output.create(io, { format: 'table', quiet: false, color: false });
    expect(report(new ExecutionFailedError('it failed'), out, { debug: false, subject: '1a2b' })).toBe(5);
    expect(report(new Reported(7), out, { debug: false })).toBe(7);
    expect(stderr()).toBe('Error: 1a2b: it failed\n');
  });
});
