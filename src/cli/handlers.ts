// Every group's handlers, loaded as one module when a command runs (see
// handler.ts): one file for a run to read rather than one per group and the
// pieces the groups share. program.ts hands each group its own.
export * as account from './account/handlers.js';
export * as bids from './bids/handlers.js';
export * as completion from './completion/handlers.js';
export * as events from './events/handlers.js';
export * as executions from './executions/handlers.js';
export * as fleet from './fleet/handlers.js';
export * as market from './market/handlers.js';
export * as mcp from './mcp/handlers.js';
export * as sandbox from './sandbox/handlers.js';
export * as spots from './spots/handlers.js';
