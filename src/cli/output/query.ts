// --query: a JMESPath expression (the query language of aws and az) over the
// JSON a command would print. The library loads only when --query is given;
// the expression is compiled before the command does anything, so a typo
// costs nothing.
import { UsageError } from '../../errors.js';

export interface Query {
  search(value: unknown): unknown;
}

/** One line of a library message (some span lines). */
const oneLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();

export async function compileQuery(expression: string): Promise<Query> {
  const { compile, TreeInterpreter } = await import('@jmespath-community/jmespath');
  let ast: ReturnType<typeof compile>;
  try {
    ast = compile(expression);
  } catch (err) {
    throw new UsageError(`invalid --query '${expression}': ${oneLine(err)}`);
  }
  return {
    search(value) {
      try {
        // The JSON form is plain JSON already: objects as the API sent them.
        return TreeInterpreter.search(ast, value as Parameters<typeof TreeInterpreter.search>[1]);
      } catch (err) {
        // A function given the wrong type, say: the expression's fault, not the data's.
        throw new UsageError(`--query '${expression}' failed: ${oneLine(err)}`);
      }
    },
  };
}
