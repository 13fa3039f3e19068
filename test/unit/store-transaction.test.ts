// The store's transactions: all or nothing, nested ones are savepoints, and
// what waits for a commit (a long poll's wake-up) hears only of committed work.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/sandbox/store/store.js';
import { tempDir } from '../helpers/cli.js';

let store: Store;
afterEach(() => store?.close());

const open = () => (store = new Store(join(tempDir('fas-store-'), 'sandbox.db')));

describe('store.transaction', () => {
  it('runs afterCommit callbacks once the outermost transaction commits, in order', () => {
    open();
    const told: string[] = [];
    store.transaction(() => {
      store.setMeta('a', '1');
      store.afterCommit(() => told.push(`outer sees ${store.meta('a')}`));
      store.transaction(() => store.afterCommit(() => told.push('inner')));
      expect(told).toEqual([]);
    });
    expect(told).toEqual(['outer sees 1', 'inner']);
  });

  it('drops them with the work when it rolls back, a savepoint with its own only', () => {
    open();
    const told: string[] = [];
    expect(() =>
      store.transaction(() => {
        store.setMeta('b', '1');
        store.afterCommit(() => told.push('rolled back'));
        throw new Error('no');
      }),
    ).toThrow('no');
    store.transaction(() => {
      store.afterCommit(() => told.push('kept'));
      expect(() =>
        store.transaction(() => {
          store.setMeta('c', '1');
          store.afterCommit(() => told.push('inner rolled back'));
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(told).toEqual(['kept']);
    expect([store.meta('b'), store.meta('c')]).toEqual([undefined, undefined]);
  });

  it('runs a callback at once outside a transaction', () => {
    open();
    let ran = false;
    store.afterCommit(() => (ran = true));
    expect(ran).toBe(true);
  });
});
