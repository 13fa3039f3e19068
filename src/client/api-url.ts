// Which API URLs the client sends its token to: http(s) only, never with
// credentials in the URL, and plain http:// only to loopback unless the
// caller says the network is trusted.
import { UsageError } from '../errors.js';

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function parseApiUrl(raw: string, insecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`invalid API URL '${raw}': expected e.g. https://api.example.com or http://127.0.0.1:7878`, { code: 'invalid_url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid API URL '${raw}': only http:// and https:// are supported`, { code: 'invalid_url' });
  }
  if (url.username || url.password) {
    throw new UsageError('invalid API URL: it must not carry credentials', { code: 'url_credentials' });
  }
  if (url.protocol === 'http:' && !insecure && !isLoopback(url.hostname)) {
    throw new UsageError(`refusing to send the token over plain http:// to ${url.hostname}`, { code: 'insecure_url', url: url.href });
  }
  return url;
}
