// What the service refuses, in its own terms: a name that names nothing, a
// change the state of what it names does not allow, a name that stands for
// several. The HTTP layer alone (http/reply.ts) says which status each is;
// the message is the line the client reads.
import type { NameMatches } from '../store/store.js';

export abstract class ServiceError extends Error {
  abstract readonly kind: 'not-found' | 'conflict' | 'unreadable';
}

/** What the request names does not exist (for this account). */
export class NotFound extends ServiceError {
  override readonly name: string = 'NotFound';
  readonly kind = 'not-found';
}

/** What the request names is in no state for it: already ended, locked, busy. */
export class Conflict extends ServiceError {
  override readonly name: string = 'Conflict';
  readonly kind = 'conflict';
}

/** A name that stands for several: the first of them, and how many there are. */
export class Ambiguous extends Conflict {
  override readonly name: string = 'Ambiguous';

  constructor(
    message: string,
    readonly found: NameMatches,
  ) {
    super(message);
  }
}

/** A name that cannot name anything as written (an id prefix too short to take). */
export class Unreadable extends ServiceError {
  override readonly name: string = 'Unreadable';
  readonly kind = 'unreadable';
}
