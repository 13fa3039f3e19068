// Questions on a terminal. A secret is read without echo, from a terminal
// with the input hidden, otherwise all of stdin (so `echo $TOKEN | fas login` works in CI).
import { Writable } from 'node:stream';
import { InterruptedError } from '../../errors.js';
import type { IO } from './io.js';
import { clean } from '../output/clean.js';

export async function readSecret(io: IO, prompt: string): Promise<string> {
  if (!io.stdinIsTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  const { createInterface } = await import('node:readline/promises');
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  // The interface puts the terminal in raw mode, which ends its echo; only
  // then the prompt, or a token pasted the moment it shows would be echoed.
  const rl = createInterface({ input: io.stdin, output: muted, terminal: true });
  io.stderr.write(prompt);
  try {
    return await ask(rl, '');
  } finally {
    rl.close();
    io.stderr.write('\n');
  }
}

/** Asks a yes/no question on a terminal; anything but yes is no. */
export async function confirm(io: IO, question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    // The question may quote the server (a bid's id): no escapes reach the terminal.
    return /^y(es)?$/i.test(await ask(rl, `${clean(question)} [y/N] `));
  } finally {
    rl.close();
  }
}

/** The answer, trimmed; Ctrl-C at a question is an InterruptedError, and fas exits 130 as for any Ctrl-C. */
async function ask(rl: import('node:readline/promises').Interface, question: string): Promise<string> {
  try {
    return (await rl.question(question)).trim();
  } catch (err) {
    throw (err as { code?: string }).code === 'ABORT_ERR' ? new InterruptedError('interrupted; nothing done') : err;
  }
}
