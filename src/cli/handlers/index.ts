// Every command's handlers, loaded as one module when a command runs (see
// handler.ts): one file for a run to read rather than one per group and the
// pieces the groups share.
export * as account from './account.js';
export * as bids from './bids.js';
export * as completion from './completion.js';
export * as config from './config.js';
export * as events from './events.js';
export * as executions from './executions.js';
export * as fleet from '../fleet/handlers.js';
export * as market from './market.js';
export * as mcp from '../mcp/handler.js';
export * as spots from './spots.js';
export * as watch from './watch.js';
