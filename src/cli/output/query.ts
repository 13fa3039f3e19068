// --query: a JMESPath expression (the query language of aws and az) over the
// JSON a command would print. This module, and the library in it, loads only
// when --query is given, and compiles the expression before the command does
// anything. Its failures are plain Errors with a one-line message, which the
// caller makes usage errors: importing ours here would cut the bundle into
// more chunks, for every command to load.
import { compile, TreeInterpreter } from '@jmespath-community/jmespath';

export interface Query {
  search(value: unknown): unknown;
}

/** One line of a library message (some span lines). */
const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();

export function compileQuery(expression: string): Query {
  let ast: ReturnType<typeof compile>;
  try {
    ast = compile(expression);
  } catch (err) {
    throw new Error(`invalid --query '${expression}': ${oneLine(err)}`);
  }
  return {
    search(value) {
      try {
        // The JSON form is plain JSON already: objects as the API sent them.
        return TreeInterpreter.search(ast, value as Parameters<typeof TreeInterpreter.search>[1]);
      } catch (err) {
        // A function given the wrong type, say: the expression's fault, not the data's.
        throw new Error(`--query '${expression}' failed: ${oneLine(err)}`);
      }
    },
  };
}
