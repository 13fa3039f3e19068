// The CLI's one error handler masks the token in whatever it prints, whichever
// code built the message: the safety net behind the client's own masking.
import { describe, expect, it } from 'vitest';
import { ExecutionFailedError, NetworkError } from '../../src/errors.js';
import { testIO } from '../../src/cli/io.js';
import { Output } from '../../src/cli/output/output.js';
import { report } from '../../src/cli/report.js';

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
    expect(network.stderr).toMatch(/^Error: connection reset\nError: socket said \[token\]\n/);
    expect(network.stderr).not.toMatch(/never/i);
    const unexpected = await printed(new Error(`boom ${TOKEN}`));
    expect(unexpected.stderr).toMatch(/^Error: unexpected error: boom \[token\]\n/);
  });
});
