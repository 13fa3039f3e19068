import { describe, expect, it } from 'vitest';
import { redact } from '../../src/redact.js';

const TOKEN = 'Tok/never+Print=5f1c9a';

describe('redact', () => {
  it.each([
    ['as is', `bad token ${TOKEN}!`],
    ['in capitals', `bad token ${TOKEN.toUpperCase()}!`],
    ['in small letters', `bad token ${TOKEN.toLowerCase()}!`],
    ['URL-encoded', `bad token ${encodeURIComponent(TOKEN)}!`],
    ['URL-encoded in small letters', `bad token ${encodeURIComponent(TOKEN).toLowerCase()}!`],
    ['JSON-escaped /', `bad token ${TOKEN.replace('/', '\\/')}!`],
    ['as \\u escapes', `bad token ${[...TOKEN].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}!`],
    ['escapes mixed', `bad token Tok%2Fnev\\u0065r\\u002BPRINT=5f1c9a!`],
    ['as HTML entities, named', `bad token ${TOKEN.replace('/', '&sol;').replace('+', '&plus;').replace('=', '&equals;')}!`],
    ['as HTML entities, numeric', `bad token ${[...TOKEN].map((c, i) => (i % 2 ? `&#${c.charCodeAt(0)};` : `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`)).join('')}!`],
    ['in hex', `bad token ${Buffer.from(TOKEN).toString('hex')}!`],
    ['in hex, capitals', `bad token ${Buffer.from(TOKEN).toString('hex').toUpperCase()}!`],
  ])('masks the token %s', (_, text) => {
    expect(redact(text, TOKEN)).toBe('bad token [token]!');
  });

  it.each([0, 1, 2, 3])('masks the token in base64 and base64url, %i bytes into an encoded run', (shift) => {
    const before = 'user:'.slice(0, shift);
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = Buffer.from(before + TOKEN + '!').toString(encoding);
      const masked = redact(`Authorization: Basic ${encoded}`, TOKEN);
      expect(masked).toContain('[token]');
      // What is left around the mask is at most the characters the token shares with its neighbours.
      expect(masked.replace('Authorization: Basic ', '').replace('[token]', '').length).toBeLessThanOrEqual(Math.ceil((before.length * 8) / 6) + 4);
    }
  });

  it('masks every occurrence and leaves the rest alone', () => {
    expect(redact(`${TOKEN} and ${TOKEN} \\n 100%`, TOKEN)).toBe('[token] and [token] \\n 100%');
  });

  it('changes nothing without a token or a match', () => {
    expect(redact('a \\u0041 b %41', TOKEN)).toBe('a \\u0041 b %41');
    expect(redact(`x ${TOKEN}`, undefined)).toBe(`x ${TOKEN}`);
    expect(redact(`x ${TOKEN}`, '')).toBe(`x ${TOKEN}`);
  });

  it('leaves a secret too short to mask without garbling every word alone', () => {
    expect(redact('refusing to send the token', 't')).toBe('refusing to send the token');
    expect(redact('a test of tests', 'test')).toBe('a [token] of [token]s');
  });
});
