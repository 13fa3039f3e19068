// The one source of the long polls' wake-ups: a commit tells once what it
// changed, however many changes it held; a rolled-back one tells nothing.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Committed } from '../../src/sandbox/store/notifier.js';
import { Store } from '../../src/sandbox/store/store.js';
import { tempDir } from '../helpers/cli.js';

let store: Store;
afterEach(() => store?.close());

function listening(): { told: { executions: string[]; accounts: string[] }[] } {
  store = new Store(join(tempDir('fas-notifier-'), 'sandbox.db'));
  const told: { executions: string[]; accounts: string[] }[] = [];
  store.notifier.listen((c: Committed) => told.push({ executions: [...c.executions], accounts: [...c.accounts] }));
  return { told };
}

describe('Notifier', () => {
  it('tells once per commit, after it, of every execution and account it changed', () => {
    const { told } = listening();
    store.transaction(() => {
      store.notifier.executionChanged('e1');
      store.notifier.eventAppended('a1');
      store.notifier.executionChanged('e2');
      store.notifier.eventAppended('a1');
      expect(told).toEqual([]);
    });
    expect(told).toEqual([{ executions: ['e1', 'e2'], accounts: ['a1'] }]);
  });

  it('tells nothing of a rolled-back transaction', () => {
    const { told } = listening();
    expect(() =>
      store.transaction(() => {
        store.notifier.executionChanged('e1');
        throw new Error('undone');
      }),
    ).toThrow('undone');
    expect(told).toEqual([]);
  });
});
