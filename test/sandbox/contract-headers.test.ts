// The headers openapi/fas.yaml marks required on an answer are sent, by the
// sandbox's own answers and by the ones --faults injects alike.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

type Headers = Record<string, { required?: boolean }>;
const doc = parse(readFileSync(new URL('../../openapi/fas.yaml', import.meta.url), 'utf8')) as { components: { responses: Record<string, { headers?: Headers }> } };

/** The headers a response of the document must carry, in lower case. */
const requiredHeaders = (name: string) =>
  Object.entries(doc.components.responses[name]?.headers ?? {})
    .filter(([, h]) => h.required)
    .map(([header]) => header.toLowerCase());

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const get = (path: string) => fetch(`${sb!.url}${path}`, { headers: { authorization: `Token ${sb!.token}` } });

describe('required headers', () => {
  it('are marked in the document: Retry-After on every 429 and 503', () => {
    expect(requiredHeaders('Unavailable')).toEqual(['retry-after']);
    expect(requiredHeaders('RateLimited')).toEqual(['retry-after']);
  });

  it.each([
    ['503', 'Unavailable'],
    ['429', 'RateLimited'],
  ])('an injected %s carries them, as the real one does', async (status, response) => {
    sb = await startSandbox({ dataDir: tempDir('fas-faults-'), port: 0, seed: steadySeed(), faults: `${status}=1` });
    const res = await get('/api/spots');
    expect(res.status).toBe(Number(status));
    for (const header of requiredHeaders(response)) expect(res.headers.get(header), header).toMatch(/^[0-9]+$/);
  });

  it('a real 429 carries them', async () => {
    sb = await startSandbox({ dataDir: tempDir('fas-limit-'), port: 0, seed: steadySeed(), rateLimit: 1 });
    let res = await get('/api/spots');
    while (res.status !== 429) res = await get('/api/spots');
    for (const header of requiredHeaders('RateLimited')) expect(res.headers.get(header), header).toMatch(/^[0-9]+$/);
  });
});
