// The sandbox's tables. Created if missing when a database opens; a column
// is only ever added (with a default), so an older data directory still opens.
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS spots (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  hostname TEXT NOT NULL,
  ip TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  metro TEXT NOT NULL,
  plan TEXT NOT NULL,
  price REAL NOT NULL,
  spot_instance INTEGER NOT NULL,
  spot_price_max REAL,
  termination_time TEXT,
  bid_id TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  description TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS spots_by_account ON spots (account_id, state, seq);
-- The default list (every state but removed, oldest first) walks this in order and stops at the page.
CREATE INDEX IF NOT EXISTS spots_in_order ON spots (account_id, seq);
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  operation TEXT NOT NULL,
  status TEXT NOT NULL,
  resource_id TEXT,
  will_fail INTEGER NOT NULL,
  error TEXT,
  result TEXT,
  start_ms INTEGER NOT NULL,
  due_ms INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS executions_by_account ON executions (account_id, seq);
CREATE INDEX IF NOT EXISTS executions_open ON executions (status, start_ms, due_ms);
CREATE TABLE IF NOT EXISTS bids (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  devices_min INTEGER NOT NULL,
  devices_max INTEGER NOT NULL,
  max_bid_price REAL NOT NULL,
  metro TEXT NOT NULL,
  instance_parameters TEXT NOT NULL,
  end_at TEXT,
  end_ms INTEGER,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bids_by_account ON bids (account_id, seq);
CREATE INDEX IF NOT EXISTS spots_by_bid ON spots (bid_id);
CREATE INDEX IF NOT EXISTS spots_by_market ON spots (metro, plan, state);
-- A spot named by its hostname, and a new spot's hostname checked as free.
CREATE INDEX IF NOT EXISTS spots_by_hostname ON spots (hostname);
CREATE TABLE IF NOT EXISTS price_overrides (metro TEXT NOT NULL, plan TEXT NOT NULL, price REAL NOT NULL, PRIMARY KEY (metro, plan));
-- Every price held, and from when until when (sandbox clock, ms; until NULL while held): the price history tells them.
CREATE TABLE IF NOT EXISTS price_holds (metro TEXT NOT NULL, plan TEXT NOT NULL, from_ms INTEGER NOT NULL, until_ms INTEGER, price REAL NOT NULL);
CREATE INDEX IF NOT EXISTS price_holds_by_market ON price_holds (metro, plan, from_ms);
CREATE TABLE IF NOT EXISTS idempotency (
  account_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_by_age ON idempotency (created_ms);
-- The account's feed of changes. AUTOINCREMENT: an id is never given twice,
-- even once the newest events have been pruned, so an old cursor never names a new event.
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  type TEXT NOT NULL,
  time_ms INTEGER NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_account ON events (account_id, id);
CREATE INDEX IF NOT EXISTS events_by_time ON events (time_ms);
`;
