// Finds a request's route by method and path: 404 when no route has the
// path, 405 (with Allow) when none takes the method there.
import { HttpError } from './http-error.js';

interface Compiled<R> {
  route: R;
  pattern: RegExp;
  names: string[];
}

export class Router<R extends { method: string; path: string }> {
  private readonly compiled: Compiled<R>[];

  /** `path` as the document writes it: `/api/spots/{id}` matches any one segment there. */
  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): { route: R; params: Record<string, string> } {
    const here = this.compiled.filter((c) => c.pattern.test(path));
    if (here.length === 0) throw new HttpError(404, [`no route ${path}`]);
    const found = here.find((c) => c.route.method === method);
    if (!found) throw new HttpError(405, [`${method} is not allowed on ${path}`], { allow: here.map((c) => c.route.method).join(', ') });
    const values = found.pattern.exec(path)!.slice(1);
    return { route: found.route, params: Object.fromEntries(found.names.map((name, i) => [name, decodeSegment(values[i]!)])) };
  }
}

/** A path segment decoded; one that is not valid percent-encoding names nothing, so 404. */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(404, [`id: '${raw}' is not valid percent-encoding`]);
  }
}
