// Which API URLs the client sends its token to: http(s) only, never with
// credentials in the URL, and plain http:// only to loopback unless the
// caller says the network is trusted.
import { UsageError } from '../errors.js';

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Segments that begin the API's own routes: a base URL ending in one is a route's URL, pasted whole. */
const ROUTE_START = /^(api|_sandbox)$/i;

export function parseApiUrl(raw: string, insecure: boolean): URL {
  const invalid = (why: string) => new UsageError(`invalid API URL '${raw}': ${why}`, { code: 'invalid_url' });
  // `api.example.com` is no URL, and `localhost:7878` one with the scheme "localhost:".
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && /^[\w.-]+(:\d+)?(\/.*)?$/.test(raw)) {
    const scheme = isLoopback(raw.replace(/[:/].*$/, '')) ? 'http' : 'https';
    throw invalid(`it needs its scheme, e.g. ${scheme}://${raw}`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('expected e.g. https://api.example.com or http://127.0.0.1:7878');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('only http:// and https:// are supported');
  if (url.username || url.password) {
    throw new UsageError('invalid API URL: it must not carry credentials', { code: 'url_credentials' });
  }
  // The API's paths are put after the base URL's own: /api/spots would go to .../api/api/spots.
  const segments = url.pathname.split('/');
  const route = segments.findIndex((segment) => ROUTE_START.test(segment));
  if (route >= 0) {
    const base = `${url.origin}${segments.slice(0, route).join('/')}`;
    throw invalid(`give the API's base URL, without /${segments.slice(route).join('/')}: ${base}`);
  }
  if (url.search || url.hash) throw invalid("give the API's base URL, without a query or a fragment");
  if (url.protocol === 'http:' && !insecure && !isLoopback(url.hostname)) {
    throw new UsageError(`refusing to send the token over plain http:// to ${url.hostname}`, { code: 'insecure_url', url: url.href });
  }
  return url;
}
