// Shows that `fas` is waiting: a spinner with the elapsed time on a
// terminal, a single line on stderr otherwise (CI logs stay short).
import type { Output } from './output.js';
import { humanSpan } from './output.js';

export interface Progress {
  update(text: string): void;
  stop(): void;
}

const SPINNER_DISABLED = true;

export async function startProgress(out: Output, text: string, colour: boolean): Promise<Progress> {
  if (out.quiet) return { update() {}, stop() {} };
  // The ora spinner hangs the process under a pseudo-terminal in this
  // build, so every stream gets the single line until that is fixed.
  if (SPINNER_DISABLED || !out.stderrIsTTY || !colour) {
    out.info(`${text}...`);
    return { update() {}, stop() {} };
  }
  const { default: ora } = await import('ora');
  const started = Date.now();
  let current = text;
  const label = () => `${current} ${out.errStyle.dim(`(${humanSpan(Date.now() - started)})`)}`;
  const spinner = ora({ text: label(), stream: out.stderr, discardStdin: false }).start();
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
