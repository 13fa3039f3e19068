// A request checked against its operation in openapi/fas.yaml, by the
// validator the build generated (operations.gen.ts). Every failing field
// gets one line of the 422: `devices_max: must be a whole number from 1 to
// 1000`, `metro: required, a string`, `color: unknown field`.
import type { IncomingHttpHeaders } from 'node:http';
import type { OperationSpec, QueryParameter, ValidationError } from '../../api/operations.js';

export interface RequestParts {
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Reads the operation's query parameters as their schemas say: a whole
 * number as digits only, a number as digits with an optional fraction, a
 * boolean as true or false, an array as every value of its repeated name. Other text is kept as it is, for the schema to
 * refuse. Parameters the operation does not name are left out.
 */
export function readQuery(spec: OperationSpec, search: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const p of spec.query) {
    if (p.type === 'array') {
      const all = search.getAll(p.name);
      if (all.length > 0) query[p.name] = all;
      continue;
    }
    const raw = search.get(p.name);
    if (raw !== null) query[p.name] = readValue(raw, p.type);
  }
  return query;
}

/** The headers the operation names (Idempotency-Key), by their names in lower case. */
export function readHeaders(spec: OperationSpec, headers: IncomingHttpHeaders): Record<string, string> {
  const named: Record<string, string> = {};
  for (const name of spec.headers) {
    const value = headers[name];
    if (typeof value === 'string') named[name] = value;
  }
  return named;
}

function readValue(raw: string, type: QueryParameter['type']): unknown {
  if (type === 'integer' && /^[0-9]+$/.test(raw)) return Number(raw);
  if (type === 'number' && /^[0-9]+(\.[0-9]+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/**
 * Checks the request, filling in the document's defaults. Returns the keys
 * of the fields that failed (for the rules a schema cannot state, which then
 * leave them alone), and the 422 lines; none when it is valid.
 */
export function validate(spec: OperationSpec, parts: RequestParts): { failed: Set<string>; lines: string[] } {
  const failed = new Set<string>();
  if (spec.validate(parts)) return { failed, lines: [] };
  const lines = new Map<string, string>();
  for (const error of spec.validate.errors ?? []) {
    const at = fieldKey(spec, error.instancePath);
    const [key, line] = describe(spec, at, error);
    failed.add(key);
    if (!lines.has(key)) lines.set(key, `${nameOf(spec, key)}: ${line}`);
  }
  return { failed, lines: [...lines.values()] };
}

function describe(spec: OperationSpec, at: string, error: ValidationError): [string, string] {
  const expected = (key: string) => spec.fields[key]?.expected ?? 'valid';
  switch (error.keyword) {
    case 'required': {
      const key = join(at, String(error.params.missingProperty));
      return [key, `required, ${expected(key)}`];
    }
    case 'additionalProperties':
      return [join(at, String(error.params.additionalProperty)), 'unknown field'];
    case 'minProperties':
      return [at, spec.fields[at]?.nonEmpty ?? `must be ${expected(at)}`];
    default:
      return [at, `must be ${expected(at)}`];
  }
}

/** `/body/tags/3` is the field `body.tags`: an item's failure is its array's. */
function fieldKey(spec: OperationSpec, instancePath: string): string {
  let key = '';
  let skipIndex = false;
  for (const raw of instancePath.split('/').slice(1)) {
    if (skipIndex) {
      skipIndex = false;
      continue;
    }
    key = join(key, raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    skipIndex = spec.fields[key]?.array === true;
  }
  return key;
}

function join(key: string, name: string): string {
  return key ? `${key}.${name}` : name;
}

/** `body.instance_parameters.plan` is named `instance_parameters.plan`; the whole body, `body`. */
function nameOf(spec: OperationSpec, key: string): string {
  return spec.fields[key]?.name ?? (key.includes('.') ? key.slice(key.indexOf('.') + 1) : key);
}

/**
 * The rules a schema cannot state (a known metro, `devices_min <=
 * devices_max`, a time in the future). Each runs only when the fields it
 * reads passed their schema, so it may trust their types.
 */
export class Checks {
  readonly lines: string[] = [];

  constructor(private readonly failed: ReadonlySet<string>) {}

  /** `rule` returns the line to add (`metro: unknown metro 'zz'`), or undefined when all is well. */
  on(keys: string[], rule: () => string | undefined): void {
    if (keys.some((key) => this.hasFailed(key))) return;
    const line = rule();
    if (line !== undefined) this.lines.push(line);
  }

  private hasFailed(key: string): boolean {
    for (let at = key; ; at = at.slice(0, at.lastIndexOf('.'))) {
      if (this.failed.has(at)) return true;
      if (!at.includes('.')) return false;
    }
  }
}
