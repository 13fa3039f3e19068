import type { Bid, BidCreateRequest } from '../../api/types.js';
import { ExecutionFailedError } from '../../errors.js';
import type { CallOptions, Caller, Endpoint } from '../call.js';
import * as shape from '../shapes.js';
import { pollUntil, type WaitOptions } from '../wait.js';
import { Collection } from './collection.js';

const BIDS: Endpoint = { path: '/api/spot-market-requests', what: 'bid id' };

export class BidsApi extends Collection<Bid, object> {
  constructor(client: Caller) {
    super(client, BIDS, 'spot_market_requests', shape.bid, []);
  }

  create(request: BidCreateRequest, options: CallOptions = {}): Promise<Bid> {
    return this.client.request({ method: 'POST', endpoint: BIDS, body: request, shape: shape.bid }, options);
  }

  get(id: string, options: CallOptions = {}): Promise<Bid> {
    return this.client.request({ method: 'GET', endpoint: BIDS, id, shape: shape.bid }, options);
  }

  /**
   * Waits until the market has filled the bid with at least `devices_min`
   * spots. Throws ExecutionFailedError when the bid expires or is cancelled
   * first, TimeoutError past the deadline.
   */
  waitUntilFilled(id: string, options: WaitOptions<Bid> = {}): Promise<Bid> {
    const fields = { resourceId: id, resourceType: 'bid' } as const;
    return this.client.masked(() =>
      pollUntil(
        (signal, deadline) => this.get(id, { signal, deadline }),
        (bid) => {
          options.onProgress?.(bid);
          if (bid.spots.length >= bid.devices_min) return true;
          if (bid.state === 'expired' || bid.state === 'cancelled') {
            throw new ExecutionFailedError(`bid ${bid.id} ${bid.state} with ${bid.spots.length} of at least ${bid.devices_min} spots`, fields);
          }
          return false;
        },
        { signal: options.signal, timeoutMs: options.timeoutMs, deadline: options.deadline, what: `bid ${id} to be filled`, onTimeout: { ...fields, code: 'bid_unfilled' } },
      ),
    );
  }

  /** Cancels the bid; with `forceTermination` its spots are removed too. */
  delete(input: string | { id: string; forceTermination?: boolean | undefined }, options: CallOptions = {}): Promise<Bid> {
    const { id, forceTermination } = typeof input === 'string' ? { id: input, forceTermination: false } : input;
    const query = forceTermination ? { force_termination: true } : undefined;
    return this.client.request({ method: 'DELETE', endpoint: BIDS, id, query, shape: shape.bid }, options);
  }
}
