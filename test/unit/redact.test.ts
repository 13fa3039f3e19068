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
  ])('masks the token %s', (_, text) => {
    expect(redact(text, TOKEN)).toBe('bad token [token]!');
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
