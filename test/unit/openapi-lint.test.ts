// openapi/fas.yaml passes a third-party OpenAPI linter (Redocly), with the
// rules of redocly.yaml: it is the contract and the reference documentation,
// so a summary for every operation, a description for every tag, every
// response listed, no unused or ambiguous parts.
import { lint, loadConfig } from '@redocly/openapi-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const root = new URL('../../', import.meta.url).pathname;
const document = join(root, 'openapi/fas.yaml');

async function findings(ref: string): Promise<string[]> {
  const config = await loadConfig({ configPath: join(root, 'redocly.yaml') });
  const problems = await lint({ ref, config });
  return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ''})`);
}

describe('openapi/fas.yaml', () => {
  it('passes the linter with every rule of redocly.yaml', async () => {
    expect(await findings(document)).toEqual([]);
  });

  it('would fail it without a summary (so the check above can fail)', async () => {
    const broken = join(tempDir('fas-lint-'), 'fas.yaml');
    writeFileSync(broken, readFileSync(document, 'utf8').replace('      summary: List plans\n', ''));
    expect(await findings(broken)).toEqual([expect.stringMatching(/^error operation-summary: /)]);
  });
});
