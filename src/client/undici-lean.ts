// undici's index also builds fetch, WebSocket, mocks, caches and proxy agents,
// which cost about 100 ms of start-up and which this client never uses. Only
// the connection pool and its request API are loaded.
import type { Dispatcher, Pool } from 'undici';
import PoolImpl from 'undici/lib/dispatcher/pool.js';
import apiRequest from 'undici/lib/api/api-request.js';

export type { Dispatcher, Pool };

export function createPool(origin: string, options: Pool.Options): Pool {
  return new PoolImpl(origin, options);
}

export function request(pool: Pool, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(pool, options);
}
