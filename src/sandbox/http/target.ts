// A request's target as it came: the path matched as sent, never resolved.
// WHATWG URL parsing would turn `/api/spots/%2e` into `/api/spots` (a
// percent-encoded dot segment is still a dot segment to it), so a PUT meant
// for a spot named `.` would buy one; and it throws on `//[`, which must be a
// 404 like any other path that names nothing.
export interface Target {
  /** The path as sent, without its trailing slashes (`/` stays `/`). */
  path: string;
  search: URLSearchParams;
}

export function readTarget(url: string | undefined): Target | undefined {
  const raw = url ?? '/';
  // Only the origin form (`/path?query`): an absolute or `*` target names no route here.
  if (!raw.startsWith('/')) return undefined;
  const at = raw.search(/[?#]/);
  const pathPart = at < 0 ? raw : raw.slice(0, at);
  const query = at < 0 || raw[at] === '#' ? '' : raw.slice(at + 1).split('#')[0]!;
  const path = pathPart.length > 1 ? pathPart.replace(/\/+$/, '') || '/' : pathPart;
  return { path, search: new URLSearchParams(query) };
}
