// An Output over fake streams: a table, without colour, unless `options` say otherwise.
import { testIO, type TestIOOptions } from '../../src/cli/shared/io.js';
import { Output, type OutputOptions } from '../../src/cli/output/output.js';

export async function output(options: Partial<OutputOptions> = {}, io: TestIOOptions = {}) {
  const t = testIO(io);
  const out = await Output.create(t.io, { format: 'table', quiet: false, color: false, ...options });
  return { out, stdout: t.stdout, stderr: t.stderr };
}
