// Colour, for the streams that are terminals that want it. chalk loads only then.
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const same = (s: string) => s;
export const plain: Style = { bold: same, dim: same, red: same, yellow: same, green: same, cyan: same };

/** Styles for stdout and for stderr, each coloured only when `color` is wanted and that stream is a terminal. */
export async function streamStyles(color: boolean, stdoutIsTTY: boolean, stderrIsTTY: boolean): Promise<{ out: Style; err: Style }> {
  const outColor = color && stdoutIsTTY;
  const errColor = color && stderrIsTTY;
  if (!outColor && !errColor) return { out: plain, err: plain };
  const { Chalk } = await import('chalk');
  const chalk: Style = new Chalk({ level: 1 });
  return { out: outColor ? chalk : plain, err: errColor ? chalk : plain };
}
