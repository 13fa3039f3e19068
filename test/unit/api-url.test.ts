// Which API URLs the client takes: the words here are the ones `fas config
// set api_url`, --api-url and FAS_API_URL all give.
import { describe, expect, it } from 'vitest';
import { parseApiUrl } from '../../src/client/api-url.js';
import { UsageError } from '../../src/errors.js';

describe('parseApiUrl', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com/'],
    ['https://gw.example.com/faaspot/', 'https://gw.example.com/faaspot/'],
    ['http://127.0.0.1:7878', 'http://127.0.0.1:7878/'],
    ['http://[::1]:7878', 'http://[::1]:7878/'],
  ])('takes %s', (raw, href) => {
    expect(parseApiUrl(raw, false).href).toBe(href);
  });

  it.each([
    ['api.example.com', "it needs its scheme, e.g. https://api.example.com"],
    ['localhost:7878', 'it needs its scheme, e.g. http://localhost:7878'],
    ['127.0.0.1:7878/x', 'it needs its scheme, e.g. http://127.0.0.1:7878/x'],
    ['http://127.0.0.1:7878/api', "give the API's base URL, without /api: http://127.0.0.1:7878"],
    ['https://gw.example.com/faaspot/api/spots/1a2b', "give the API's base URL, without /api/spots/1a2b: https://gw.example.com/faaspot"],
    ['http://127.0.0.1:7878/_sandbox/health', "give the API's base URL, without /_sandbox/health: http://127.0.0.1:7878"],
    ['https://api.example.com/#top', "give the API's base URL, without a query or a fragment"],
    ['not a url', 'expected e.g. https://api.example.com or http://127.0.0.1:7878'],
    ['file:///etc/passwd', 'only http:// and https:// are supported'],
  ])('refuses %s', (raw, why) => {
    const err = (() => {
      try {
        parseApiUrl(raw, false);
      } catch (e) {
        return e;
      }
      throw new Error(`${raw} was taken`);
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ message: `invalid API URL '${raw}': ${why}`, code: 'invalid_url' });
  });
});
