// A server that quotes the token back encoded: base64 (an Authorization
// header echoed as it went), hex, HTML entities. None of it reaches stderr.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeServer, json, type FakeServer } from '../helpers/fake-server.js';
import { runInProcess } from '../helpers/run-cli.js';

const TOKEN = 'Tok/never+Print=5f1c9a';
const b64 = Buffer.from(`user:${TOKEN}`).toString('base64');
const FORMS: Record<string, string> = {
  base64: `Basic ${b64}`,
  base64url: Buffer.from(`xy${TOKEN}`).toString('base64url'),
  hex: Buffer.from(TOKEN).toString('hex').toUpperCase(),
  html: [...TOKEN].map((c) => `&#${c.charCodeAt(0)};`).join(''),
};

let echo: FakeServer;
beforeAll(async () => {
  echo = await fakeServer((req, res) => {
    const form = new URL(req.url!, 'http://x').searchParams.get('form') ?? req.url!.split('/')[1]!;
    json(res, 401, { errors: [`invalid credentials: ${FORMS[form] ?? '?'}`] });
  });
});
afterAll(() => echo.close());

describe('the token quoted back encoded', () => {
  it.each(Object.keys(FORMS))('is masked in %s', async (form) => {
    const r = await runInProcess(['spots', 'list'], { env: { FAS_API_URL: `${echo.url}/${form}`, FAS_TOKEN: TOKEN } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('[token]');
    expect(r.stderr).not.toContain(FORMS[form]!.replace('Basic ', '').slice(4, -4));
  });
});
