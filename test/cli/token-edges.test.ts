// A token as people paste it: with the CR of a CRLF file, which `$(cat token)`
// keeps, or with something inside it that no header carries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await withSandbox();
});
afterAll(() => sb.close());

describe('a token with whitespace around it', () => {
  it('works with the CR of a CRLF token file', async () => {
    const r = await sb.run(['spots', 'list', '--json'], { env: { FAS_TOKEN: `${sb.sandbox.token}\r` } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('works with a CRLF and spaces given to --token', async () => {
    const r = await sb.run(['--token', `  ${sb.sandbox.token}\r\n`, 'spots', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
  });

});

describe('a token with something inside that no header carries', () => {
  it.each([
    ['a CR inside', 'abc\rdef'],
    ['a space inside', 'abc def'],
    ['an escape', 'abc\u001bdef'],
    ['a character past Latin-1', 'abc\u2028def'],
  ])('is named malformed (%s), not a sandbox that is not running', async (_, token) => {
    const r = await sb.run(['spots', 'list'], { env: { FAS_TOKEN: token } });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error: the token from FAS_TOKEN is malformed: it holds a space, a control character or a character no token has\nHint: copy the token again, as one line with nothing around it\n');
  });
});
