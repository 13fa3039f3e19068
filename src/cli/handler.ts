// How a command reaches its handler. Commands are defined in commands/; each
// action names its handler, which (but in the sandbox group) lives in
// handlers/ and loads only when a command runs: all of handlers/ as one
// module (handlers/index.ts), so that the bundle is not cut into a chunk for
// every piece the groups share.
import type { Context } from './shared/context.js';

/** A command's handler: the context, then commander's arguments and the command's own options. */
export type Handler = (ctx: Context, ...args: never[]) => Promise<void>;

/** A handler named in a module loaded only when its command runs. */
export interface LazyHandler {
  name: string;
  load(): Promise<Handler>;
}

/** `lazy(async () => (await import('./handlers.js')).spots, 'add')`: `spots.add`, loaded when it runs. */
export function lazy<M>(load: () => Promise<M>, name: keyof M & string): LazyHandler {
  return { name, load: async () => (await load())[name] as Handler };
}

/**
 * Makes a command's action from its handler. The program is built with one
 * (program.ts): run.ts's runs the handler with its context; a test's may only
 * record which handler commander chose, and with what.
 */
export type Runner = (handler: Handler | LazyHandler) => (...commanderArgs: unknown[]) => Promise<void>;
