import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { pathSegment } from '../../src/client/path.js';

describe('pathSegment', () => {
  it.each(['', '.', '..', 'a/b', '/', 'a\\b', '..\\', 'a\nb', 'a\u0000', 'a\u007f', 'a\u0085'])('refuses %j', (value) => {
    expect(() => pathSegment(value, 'spot id or IP')).toThrow(UsageError);
    expect(() => pathSegment(value, 'spot id or IP')).toThrow(/^invalid spot id or IP '/);
  });

  it('writes control characters as escapes, keeping the message on one line', () => {
    expect(() => pathSegment('a\nb', 'execution id')).toThrow("invalid execution id 'a\\u000ab'");
  });

  it.each([
    ['5f0e1c2a-0000-4000-8000-000000000001', '5f0e1c2a-0000-4000-8000-000000000001'],
    ['10.0.0.12', '10.0.0.12'],
    ['...', '...'],
    ['a b?#%', 'a%20b%3F%23%25'],
    ['::1', '%3A%3A1'],
  ])('percent-encodes %j', (value, encoded) => {
    expect(pathSegment(value, 'spot id or IP')).toBe(encoded);
  });
});
