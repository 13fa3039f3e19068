// docs/commands.md is the program's own reference: written from the command
// tree, so it must be written again whenever a command changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandPath, walk } from '../../src/cli/command-tree.js';
import type { Runner } from '../../src/cli/handler.js';
import { testIO } from '../../src/cli/shared/io.js';
import { buildProgram } from '../../src/cli/program.js';
import { fasReference } from '../../src/cli/reference.js';

const written = readFileSync(new URL('../../docs/commands.md', import.meta.url), 'utf8');

describe('docs/commands.md', () => {
  it('is what the program says now', () => {
    const now = fasReference();
    // Not toBe: its diff of the whole file would hide the one line that says what to do.
    if (written !== now) expect.fail('docs/commands.md is out of date with the commands: run npm run docs, and commit it');
  });

  it('has every command, its options and its examples', () => {
    const program = buildProgram((() => async () => {}) as Runner, testIO().io);
    for (const cmd of walk(program).slice(1)) {
      expect(written).toContain(`\n## ${commandPath(cmd)}\n`);
      for (const option of cmd.options) expect(written).toContain(`| \`${option.flags}\` |`);
    }
    expect(written).toContain('fas spots add --metro sv --plan c3.small --availability 95% --wait');
  });
});
