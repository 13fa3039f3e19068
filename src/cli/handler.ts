// How a command reaches its handler. Each resource's folder defines its
// commands (commands.ts) and what they do (handlers.ts); a command's action
// names its handler, which loads only when a command runs: every group's
// handlers as one module (handlers.ts beside this), so that the bundle is not
// cut into a chunk for every piece the groups share.
//
// A flag's type is written once, in its definition (see flags.ts); what a
// handler takes is checked against it where the groups are registered.
import type { Command, CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from './shared/context.js';

/** A command's handler: the context, then commander's arguments and the command's own options. */
export type Handler<P extends unknown[] = never[]> = (ctx: Context, ...args: P) => Promise<void>;

/** A handler named in a module loaded only when its command runs. */
export interface LazyHandler<P extends unknown[] = never[]> {
  name: string;
  load(): Promise<Handler<P>>;
}

/** What a handler takes after its context. */
type ParamsOf<F> = F extends (ctx: Context, ...args: infer P) => Promise<void> ? P : never;

/** `lazy(load, 'add')`: the handler `add` of the module `load` gives, loaded when it runs. */
export function lazy<M, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyHandler<ParamsOf<M[K]>> {
  return { name, load: async () => (await load())[name] as Handler<ParamsOf<M[K]>> };
}

/**
 * Makes a command's action from its handler: commander calls it with the
 * arguments, the options, then the command. The program is built with one
 * (program.ts): run.ts's runs the handler with its context; a test's may only
 * record which handler commander chose, and with what.
 */
export type Runner = <P extends unknown[]>(handler: Handler<P> | LazyHandler<P>) => (...commanderArgs: [...P, ...unknown[]]) => Promise<void>;

/**
 * The handler a command's definition calls for: its arguments, then its
 * options (a handler may leave off what it does not read). The registration
 * (program.ts) checks each group's handlers module against these.
 */
// `any` parent: a group's options never reach its commands' handlers.
export type HandlerOf<D> = D extends (...args: any[]) => Command<infer A, infer O, any> ? Handler<[...A, O]> : never;

/** Where a group's commands are added. */
export type Group = CommandUnknownOpts;
