// Shows that fas is waiting: a spinner with the elapsed time on a terminal,
// a single line on stderr otherwise (CI logs stay short).
import { clean } from '../output/clean.js';
import { humanSpan } from '../output/format.js';
import type { Output } from '../output/output.js';

export interface Progress {
  update(text: string): void;
  stop(): void;
}

export async function startProgress(out: Output, text: string, colour: boolean): Promise<Progress> {
  if (out.quiet) return { update() {}, stop() {} };
  // A pseudo-terminal that reports no width (script(1), some CI runners)
  // makes ora count infinitely many lines to clear, and it never returns.
  const columns = out.io.stderrColumns ?? 0;
  if (!out.io.stderrIsTTY || !colour || columns <= 0) {
    out.info(`${text}...`);
    return { update() {}, stop() {} };
  }
  const { default: ora } = await import('ora');
  const started = Date.now();
  let current = text;
  const label = () => `${clean(current)} ${out.errStyle.dim(`(${humanSpan(Date.now() - started)})`)}`;
  const spinner = ora({ text: label(), stream: out.io.stderr, discardStdin: false }).start();
  const tick = setInterval(() => (spinner.text = label()), 1000);
  tick.unref();
  return {
    update(next) {
      current = next;
      spinner.text = label();
    },
    stop() {
      clearInterval(tick);
      spinner.stop();
    },
  };
}
