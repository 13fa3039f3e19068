// Questions on a terminal. A secret is read without echo, from a terminal
// with the input hidden, otherwise all of stdin (so `echo $TOKEN | fas login` works in CI).
import { Writable } from 'node:stream';
import { InterruptedError } from '../errors.js';
import { clean } from './output.js';

export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  const { createInterface } = await import('node:readline/promises');
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  // The interface puts the terminal in raw mode, which ends its echo; only
  // then the prompt, or a token pasted the moment it shows would be echoed.
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write(prompt);
  try {
    return (await rl.question('')).trim();
  } catch (err) {
    throw interrupted(err);
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/** Asks a yes/no question on a terminal; anything but yes is no. */
export async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // The question may quote the server (a bid's id): no escapes reach the terminal.
    const answer = await rl.question(`${clean(question)} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } catch (err) {
    throw interrupted(err);
  } finally {
    rl.close();
  }
}

/** Ctrl-C at a question: readline rejects it as aborted, and fas exits 130 as for any Ctrl-C. */
function interrupted(err: unknown): unknown {
  return (err as { code?: string }).code === 'ABORT_ERR' ? new InterruptedError('interrupted; nothing done') : err;
}
