// A flag's type is written once, in its definition: commander's extra typings
// read `.option('--metro <code>')` as `metro?: string`, `--no-header` as
// `header: boolean`, a choice as its union, a default as always there; a
// handler takes `FlagsOf<typeof definition>`, never a type of its own.
import type { Command } from '@commander-js/extra-typings';

/** A command as its definition builds it (a function of its group): the options its handler gets. */
// `any` arguments and parent: only the options are read.
export type FlagsOf<D> = D extends (...args: any[]) => Command<any[], infer O, any> ? O : never;
