// The SDK's own MCP client connected in memory to `fas mcp`'s server, which
// reaches a test's sandbox with the real API client.
import { Client, InMemoryTransport, type ElicitResult } from '@modelcontextprotocol/client';
import { FasClient } from '../../src/client/client.js';
import { createMcpServer, type McpOptions } from '../../src/cli/mcp/server.js';

export interface McpSession {
  client: Client;
  api: FasClient;
  /** What the client was asked to confirm, in order. */
  asked: string[];
  close(): Promise<void>;
}

export interface SessionOptions extends Partial<Omit<McpOptions, 'client' | 'token'>> {
  /** How the person answers each confirmation; without it the client offers no elicitation. */
  answer?: ((message: string) => ElicitResult) | undefined;
  /** The elicitation capability the client declares with `answer`; forms by default. */
  elicitation?: { form?: Record<string, never>; url?: Record<string, never> } | undefined;
}

export async function mcpSession(sandbox: { url: string; token: string }, options: SessionOptions = {}): Promise<McpSession> {
  const api = new FasClient({ apiUrl: sandbox.url, token: sandbox.token });
  const { answer: _answer, elicitation: _elicitation, ...serverOptions } = options;
  const server = createMcpServer({ client: () => api, token: sandbox.token, allowWrites: false, ...serverOptions });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const asked: string[] = [];
  const client = new Client({ name: 'fas-test', version: '1' }, { capabilities: options.answer ? { elicitation: options.elicitation ?? { form: {} } } : {} });
  if (options.answer) {
    const answer = options.answer;
    client.setRequestHandler('elicitation/create', async (req) => {
      const message = String((req.params as { message: string }).message);
      asked.push(message);
      return answer(message);
    });
  }
  await client.connect(clientSide);
  return {
    client,
    api,
    asked,
    async close() {
      await client.close();
      await server.close();
      await api.close();
    },
  };
}

/** A tool's result: its structured content, or its error line. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ error?: string; data: Record<string, unknown> }> {
  const r = await client.callTool({ name, arguments: args });
  const text = (r.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('');
  if (r.isError) return { error: text, data: {} };
  return { data: r.structuredContent as Record<string, unknown> };
}
