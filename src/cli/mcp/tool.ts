// How every tool answers: its object as structuredContent (and as JSON text,
// for clients that read only text), cleaned and capped; any failure as one
// line, the token never in it, never a stack.
import type { CallToolResult, McpServer, ServerContext, StandardSchemaWithJSON, ToolAnnotations } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { FasClient } from '../../client/client.js';
import { FasError } from '../../errors.js';
import { redact } from '../../redact.js';
import { cleanText, cleanValue } from './text.js';

/** What the tools share: the API client, the token to keep out of every answer, the clock. */
export interface ToolEnv {
  client: () => FasClient;
  token: string | undefined;
  now: () => number;
  signal?: AbortSignal | undefined;
}

/** A refusal of ours: its message is the whole answer. */
export class Refusal extends Error {}

/** The longest error line a result carries. */
const MAX_ERROR = 400;

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject> {
  title: string;
  description: string;
  input: I;
  output: O;
  readOnly: boolean;
  /** For writes: whether it may destroy (remove spots). */
  destructive?: boolean;
}

/** Registers a tool whose handler returns its structured result, or throws. */
export function addTool<I extends z.ZodObject, O extends z.ZodObject>(
  server: McpServer,
  env: ToolEnv,
  name: string,
  spec: ToolSpec<I, O>,
  // The SDK checks the result against `output` as it answers.
  run: (args: z.output<I>, ctx: ServerContext) => Promise<object>,
): void {
  const annotations: ToolAnnotations = spec.readOnly
    ? { title: spec.title, readOnlyHint: true, openWorldHint: true }
    : { title: spec.title, readOnlyHint: false, destructiveHint: spec.destructive ?? false, idempotentHint: true, openWorldHint: true };
  server.registerTool(
    name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.input as StandardSchemaWithJSON,
      outputSchema: spec.output as StandardSchemaWithJSON,
      annotations,
    },
    ((args: z.output<I>, ctx: ServerContext): Promise<CallToolResult> => run(args, ctx).then(ok, (err: unknown) => failure(err, env.token))) as never,
  );
}

function ok(value: unknown): CallToolResult {
  const structured = cleanValue(value) as Record<string, unknown>;
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

/** One line: what went wrong, the token masked; the API's own words cleaned and capped. */
export function failure(err: unknown, token: string | undefined): CallToolResult {
  const message = err instanceof FasError || err instanceof Refusal ? err.message : 'internal error in fas mcp';
  const hint = err instanceof FasError && err.hint ? ` (${err.hint})` : '';
  const text = cleanText(redact(`Error: ${message}${hint}`, token), MAX_ERROR);
  return { content: [{ type: 'text', text }], isError: true };
}
