// The shape the source keeps: small files, and imports that go one way. A
// circle of two files (a command's definition and its handler naming each
// other's types) is allowed; a longer one means a module reaches back up.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');
/** Written by scripts/build.mjs and openapi-typescript, not by hand. */
const GENERATED = new Set(['api/schema.ts', 'api/operations.gen.ts']);
const MAX_LINES = 300;

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative import of a file, type-only and dynamic ones included, as absolute paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** The strongly connected sets of the import graph with more than one file (Tarjan's). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const set: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        set.push(w);
      } while (w !== v);
      if (set.length > 1) found.push(set);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the source layout', () => {
  const files = sourceFiles();

  it(`has no hand-written file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((f) => ({ file: relative(SRC, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter(({ file, lines }) => !GENERATED.has(file) && lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('has no import circle of more than two files', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const long = circles(graph)
      .filter((set) => set.length > 2)
      .map((set) => set.map((f) => relative(SRC, f)).sort());
    expect(long).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(graph).map((s) => s.sort())).toEqual([['a', 'b', 'c']]);
  });

  it('reads type-only, dynamic and re-exporting imports', () => {
    const handlers = join(SRC, 'cli/handlers.ts');
    expect(importsOf(handlers)).toContain(join(SRC, 'cli/spots/handlers.ts'));
    expect(importsOf(join(SRC, 'cli/program.ts'))).toContain(handlers);
    expect(importsOf(join(SRC, 'cli/spots/handlers.ts'))).toContain(join(SRC, 'cli/spots/commands.ts'));
  });
});
