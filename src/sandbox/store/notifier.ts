// The one source of wake-ups: once a transaction commits, those who listen
// hear what it changed (the executions it made or moved, the accounts it
// appended events for), once per commit whatever the number of changes. The
// long polls (http/long-poll.ts) and the timer of the next due execution
// (index.ts) listen here. Never before the commit: nobody hears of a change
// that is then rolled back.
import type { Db } from './db.js';

/** What one commit changed. */
export interface Committed {
  /** Executions made or moved (pending -> started too). */
  executions: ReadonlySet<string>;
  /** Accounts with new events. */
  accounts: ReadonlySet<string>;
}

export class Notifier {
  private readonly listeners = new Set<(committed: Committed) => void>();
  /** What changed since the last commit was told. */
  private executions = new Set<string>();
  private accounts = new Set<string>();

  constructor(private readonly db: Db) {}

  executionChanged(id: string): void {
    this.executions.add(id);
    this.tellOnCommit();
  }

  eventAppended(account: string): void {
    this.accounts.add(account);
    this.tellOnCommit();
  }

  /** Tells `listener` what each commit changed, once it is committed; returns what stops it. */
  listen(listener: (committed: Committed) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // One flush per commit tells everything once; those after it find nothing
  // left. What is left over from a rolled-back change only wakes for nothing.
  private tellOnCommit(): void {
    this.db.afterCommit(() => this.flush());
  }

  private flush(): void {
    if (this.executions.size === 0 && this.accounts.size === 0) return;
    const committed: Committed = { executions: this.executions, accounts: this.accounts };
    this.executions = new Set();
    this.accounts = new Set();
    for (const listener of this.listeners) listener(committed);
  }
}
