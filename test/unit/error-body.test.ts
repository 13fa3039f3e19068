import { describe, expect, it } from 'vitest';
import { errorMessageOf } from '../../src/client/error-body.js';

describe('errorMessageOf', () => {
  it.each([
    ['{"errors":["metro: unknown metro","plan: unknown plan"]}', 'metro: unknown metro; plan: unknown plan'],
    ['{"error":"spot is locked"}', 'spot is locked'],
    ['{"message":"Not found"}', 'Not found'],
    ['{"detail":"Invalid token."}', 'Invalid token.'],
    ['{"detail":[{"loc":["body","metro"],"msg":"field required"}]}', 'field required'],
    ['"plain string"', 'plain string'],
  ])('finds the message in %s', (body, message) => {
    expect(errorMessageOf(body, 'application/json')).toBe(message);
  });

  it('says plainly when the body is an HTML page or broken JSON', () => {
    expect(errorMessageOf('<html><body>502 Bad Gateway</body></html>', 'text/html')).toMatch(/HTML page/);
    expect(errorMessageOf('{"errors": [', 'application/json')).toMatch(/not JSON/);
  });

  it('has nothing to say for an empty body or an object without a message', () => {
    expect(errorMessageOf('', undefined)).toBeUndefined();
    expect(errorMessageOf('{"foo": 1}', 'application/json')).toBeUndefined();
    expect(errorMessageOf('{"errors": []}', 'application/json')).toBeUndefined();
  });

  it('keeps a long message to one short line', () => {
    const m = errorMessageOf(JSON.stringify({ errors: ['x'.repeat(1000) + '\nsecond line'] }), 'application/json')!;
    expect(m.length).toBeLessThanOrEqual(300);
    expect(m).not.toContain('\n');
  });
});
