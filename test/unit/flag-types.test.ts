// A flag's type is read from its definition, and a handler that takes
// anything else does not compile: these are checked by `tsc -p
// tsconfig.test.json` (npm test's pretest), each `@ts-expect-error` failing
// the type check once the error it expects is gone.
import { describe, expectTypeOf, it } from 'vitest';
import type { AddFlags, SpotsHandlers } from '../../src/cli/spots/commands.js';
import type { CreateFlags } from '../../src/cli/bids/commands.js';
import type { PricesFlags } from '../../src/cli/market/commands.js';
import type { GlobalFlags } from '../../src/cli/shared/global-options.js';
import type { Context } from '../../src/cli/shared/context.js';
import type { BidStrategy } from '../../src/client/bid-strategy.js';

describe('flag types read from their definitions', () => {
  it('an option with a value is a string, maybe absent; with a default, always there', () => {
    expectTypeOf<AddFlags['metro']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AddFlags['lookback']>().toEqualTypeOf<string>();
    expectTypeOf<AddFlags['timeout']>().toEqualTypeOf<string>();
  });

  it('a switch is true or absent; a repeated option a list; a required option always there', () => {
    expectTypeOf<AddFlags['wait']>().toEqualTypeOf<true | undefined>();
    expectTypeOf<AddFlags['tag']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<CreateFlags['min']>().toEqualTypeOf<string>();
  });

  it('choices are their union', () => {
    expectTypeOf<PricesFlags['sort']>().toEqualTypeOf<'price' | 'discount' | 'metro' | undefined>();
    expectTypeOf<CreateFlags['strategy']>().toEqualTypeOf<BidStrategy | undefined>();
    expectTypeOf<GlobalFlags['output']>().toEqualTypeOf<'table' | 'wide' | 'json' | 'jsonl' | 'yaml' | 'csv' | undefined>();
  });

  it('a handler taking what its definition does not give is refused', () => {
    const good: SpotsHandlers['add'] = async (_ctx: Context, flags: AddFlags) => void flags;
    // @ts-expect-error -- --metro is a string, not a number
    const wrongType: SpotsHandlers['add'] = async (_ctx: Context, flags: { metro?: number }) => void flags;
    // @ts-expect-error -- `spots add` has no --size
    const unknownFlag: SpotsHandlers['add'] = async (_ctx: Context, flags: { size: string }) => void flags;
    // @ts-expect-error -- `spots get` takes its spot as an argument, before its options
    const noArgument: SpotsHandlers['get'] = async (_ctx: Context, id: number) => void id;
    expectTypeOf(good).toBeFunction();
    expectTypeOf([wrongType, unknownFlag, noArgument]).toBeArray();
  });
});
