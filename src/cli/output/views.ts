// How each kind of resource reads for people: the columns a person wants
// first, each with a stable key. JSON never goes through these: it prints the
// API's objects as they are.
import {
  OUT_OF_CAPACITY_FACTOR,
  type Bid,
  type BidCreateRequest,
  type BidState,
  type Event,
  type EventType,
  type Execution,
  type ExecutionStatus,
  type Metro,
  type Plan,
  type PricePoint,
  type Spot,
  type SandboxClock,
  type SpotMarketPrices,
  type SpotState,
} from '../../api/types.js';
import { isoSeconds } from '../../api/values.js';
import type { Source } from '../settings.js';
import { eventDetail } from '../watch/words.js';
import { money, when } from './format.js';
import type { Cell, View } from './output.js';
import type { Style } from './style.js';

/** The colour of each state of the contract's lifecycles: every value of each enum must have one. */
const STATE_STYLE: Record<SpotState | ExecutionStatus | BidState, keyof Style> = {
  provisioning: 'yellow',
  active: 'green',
  terminating: 'red',
  removed: 'dim',
  pending: 'yellow',
  started: 'yellow',
  completed: 'green',
  failed: 'red',
  cancelled: 'red',
  open: 'yellow',
  partially_fulfilled: 'yellow',
  fulfilled: 'green',
  expired: 'red',
};

function stateColour(state: SpotState | ExecutionStatus | BidState): Cell {
  // A state the document does not know yet (a newer server) reads as one in progress.
  return { text: state, style: STATE_STYLE[state] ?? 'yellow' };
}

// The table (on a terminal, ids at 8 characters) fits 80 columns with the
// columns a person reads first; the rest are `wide`, for -o wide and csv.
export const spotView: View<Spot> = {
  id: (s) => s.id,
  columns: [
    { key: 'id', header: 'ID', value: (s) => s.id, id: true },
    { key: 'hostname', header: 'HOSTNAME', value: (s) => s.hostname, shrinkable: true },
    { key: 'ip', header: 'IP', value: (s) => s.ip },
    { key: 'state', header: 'STATE', value: (s) => stateColour(s.state) },
    { key: 'metro', header: 'METRO', value: (s) => s.metro },
    { key: 'plan', header: 'PLAN', value: (s) => s.plan },
    { key: 'price', header: 'PRICE/H', value: (s) => money(s.price), exact: (s) => s.price },
    { key: 'type', header: 'TYPE', value: (s) => (s.spot_instance ? 'spot' : 'on-demand'), wide: true },
    { key: 'bid', header: 'BID', value: (s) => s.bid_id ?? '-', exact: (s) => s.bid_id, id: true, wide: true },
    {
      key: 'terminates',
      header: 'ENDS',
      value: (s, cx) => (s.termination_time ? { text: when(s.termination_time, cx), style: 'red' } : '-'),
      exact: (s) => s.termination_time,
    },
    { key: 'max_bid', header: 'MAX BID', value: (s) => money(s.spot_price_max), exact: (s) => s.spot_price_max, wide: true },
    { key: 'locked', header: 'LOCKED', value: (s) => (s.locked ? 'yes' : 'no'), exact: (s) => s.locked, wide: true },
    { key: 'tags', header: 'TAGS', value: (s) => (s.tags.length ? s.tags.join(', ') : '-'), exact: (s) => s.tags.join(', '), wide: true },
    { key: 'created', header: 'CREATED', value: (s, cx) => when(s.created_at, cx), exact: (s) => s.created_at, wide: true },
    { key: 'description', header: 'DESCRIPTION', value: (s) => s.description ?? '-', exact: (s) => s.description, wide: true },
  ],
  detail: [
    { key: 'id', header: 'ID', value: (s) => s.id },
    { key: 'hostname', header: 'Hostname', value: (s) => s.hostname },
    { key: 'ip', header: 'IP', value: (s) => s.ip },
    { key: 'state', header: 'State', value: (s) => stateColour(s.state) },
    { key: 'metro', header: 'Metro', value: (s) => s.metro },
    { key: 'plan', header: 'Plan', value: (s) => s.plan },
    { key: 'price', header: 'Price', value: (s) => `${money(s.price)}/h` },
    { key: 'type', header: 'Type', value: (s) => (s.spot_instance ? 'spot' : 'on-demand (never revoked)') },
    { key: 'max_bid', header: 'Max bid', value: (s) => money(s.spot_price_max) },
    { key: 'bid', header: 'Bid', value: (s) => s.bid_id ?? '-' },
    { key: 'terminates', header: 'Terminates', value: (s, cx) => when(s.termination_time, cx) },
    { key: 'locked', header: 'Locked', value: (s) => (s.locked ? 'yes' : 'no') },
    { key: 'tags', header: 'Tags', value: (s) => (s.tags.length ? s.tags.join(', ') : '-') },
    { key: 'description', header: 'Description', value: (s) => s.description ?? '-' },
    { key: 'created', header: 'Created', value: (s, cx) => when(s.created_at, cx) },
  ],
};

export const executionView: View<Execution> = {
  id: (e) => e.id,
  columns: [
    { key: 'id', header: 'ID', value: (e) => e.id, id: true },
    { key: 'operation', header: 'OPERATION', value: (e) => e.operation },
    { key: 'status', header: 'STATUS', value: (e) => stateColour(e.status) },
    { key: 'resource', header: 'RESOURCE', value: (e) => e.resource_id ?? '-', exact: (e) => e.resource_id, id: true },
    { key: 'created', header: 'CREATED', value: (e, cx) => when(e.created_at, cx), exact: (e) => e.created_at },
    { key: 'updated', header: 'UPDATED', value: (e, cx) => when(e.updated_at, cx), exact: (e) => e.updated_at, wide: true },
    { key: 'error', header: 'ERROR', value: (e) => e.error ?? '', exact: (e) => e.error, shrinkable: true },
  ],
  detail: [
    { key: 'id', header: 'ID', value: (e) => e.id },
    { key: 'operation', header: 'Operation', value: (e) => e.operation },
    { key: 'status', header: 'Status', value: (e) => stateColour(e.status) },
    { key: 'resource', header: 'Resource', value: (e) => e.resource_id ?? '-' },
    { key: 'created', header: 'Created', value: (e, cx) => when(e.created_at, cx) },
    { key: 'updated', header: 'Updated', value: (e, cx) => when(e.updated_at, cx) },
    { key: 'error', header: 'Error', value: (e) => e.error ?? '-' },
  ],
};

export const bidView: View<Bid> = {
  id: (b) => b.id,
  columns: [
    { key: 'id', header: 'ID', value: (b) => b.id, id: true },
    { key: 'state', header: 'STATE', value: (b) => stateColour(b.state) },
    { key: 'metro', header: 'METRO', value: (b) => b.metro },
    { key: 'plan', header: 'PLAN', value: (b) => b.instance_parameters.plan },
    { key: 'max_bid', header: 'MAX BID', value: (b) => money(b.max_bid_price), exact: (b) => b.max_bid_price },
    { key: 'spots', header: 'SPOTS', value: (b) => `${b.spots.length} (${b.devices_min}-${b.devices_max})`, exact: (b) => b.spots.length },
    { key: 'min', header: 'MIN', value: (b) => String(b.devices_min), exact: (b) => b.devices_min, wide: true },
    { key: 'max', header: 'MAX', value: (b) => String(b.devices_max), exact: (b) => b.devices_max, wide: true },
    { key: 'ends', header: 'ENDS', value: (b, cx) => when(b.end_at, cx), exact: (b) => b.end_at ?? null },
    { key: 'created', header: 'CREATED', value: (b, cx) => when(b.created_at, cx), exact: (b) => b.created_at, wide: true },
  ],
  detail: [
    { key: 'id', header: 'ID', value: (b) => b.id },
    { key: 'state', header: 'State', value: (b) => stateColour(b.state) },
    { key: 'metro', header: 'Metro', value: (b) => b.metro },
    { key: 'plan', header: 'Plan', value: (b) => b.instance_parameters.plan },
    { key: 'max_bid', header: 'Max bid', value: (b) => `${money(b.max_bid_price)}/h` },
    { key: 'devices', header: 'Devices', value: (b) => `${b.devices_min} to ${b.devices_max}` },
    { key: 'spots', header: 'Spots', value: (b) => (b.spots.length ? { lines: b.spots } : '-') },
    { key: 'ends', header: 'Ends', value: (b, cx) => when(b.end_at, cx) },
    { key: 'created', header: 'Created', value: (b, cx) => when(b.created_at, cx) },
  ],
};

const EVENT_STYLE: Partial<Record<EventType, keyof Style>> = {
  'spot.active': 'green',
  'spot.termination_notice': 'red',
  'spot.removing': 'yellow',
  'spot.removed': 'dim',
  'bid.fulfilled': 'green',
  'bid.expired': 'red',
  'bid.cancelled': 'red',
  'execution.completed': 'green',
  'execution.failed': 'red',
  'execution.cancelled': 'red',
};

/**
 * An event of the feed: `fas events` and a watch stream them, so each
 * column declares the width its rows are padded to. On a terminal the time
 * of day (UTC) and a short resource id leave the detail room in 80 columns.
 * The event's id is its cursor: never shortened.
 */
export const eventView: View<Event> = {
  id: (e) => e.id,
  columns: [
    { key: 'id', header: 'ID', value: (e) => e.id, streamWidth: 6 },
    { key: 'time', header: 'TIME', value: (e, cx) => (cx.tty ? e.time.slice(11, 19) : e.time), exact: (e) => e.time, streamWidth: (cx) => (cx.tty ? 8 : 20) },
    {
      key: 'type',
      header: 'TYPE',
      value: (e) => (EVENT_STYLE[e.type] ? { text: e.type, style: EVENT_STYLE[e.type]! } : e.type),
      streamWidth: 'spot.termination_notice'.length,
    },
    { key: 'resource_type', header: 'RESOURCE TYPE', value: (e) => e.resource_type, wide: true, streamWidth: 'execution'.length },
    { key: 'resource', header: 'RESOURCE', value: (e) => e.resource_id, id: true, streamWidth: 36 },
    { key: 'detail', header: 'DETAIL', value: (e) => eventDetail(e), shrinkable: true, streamWidth: 40 },
  ],
};

/** A bid that `bids create --dry-run` would send. */
export const bidRequestView: View<BidCreateRequest> = {
  columns: [
    { key: 'metro', header: 'METRO', value: (b) => b.metro },
    { key: 'plan', header: 'PLAN', value: (b) => b.instance_parameters.plan },
    { key: 'min', header: 'MIN', value: (b) => String(b.devices_min), exact: (b) => b.devices_min },
    { key: 'max', header: 'MAX', value: (b) => String(b.devices_max), exact: (b) => b.devices_max },
    { key: 'max_bid', header: 'MAX BID', value: (b) => money(b.max_bid_price), exact: (b) => b.max_bid_price },
    { key: 'ends', header: 'ENDS', value: (b) => b.end_at ?? '-', exact: (b) => b.end_at ?? null },
    { key: 'hostname', header: 'HOSTNAME', value: (b) => b.instance_parameters.hostname ?? '-', exact: (b) => b.instance_parameters.hostname ?? null },
  ],
  line: (b) =>
    `would bid for ${b.devices_min} to ${b.devices_max} ${b.instance_parameters.plan} spots in ${b.metro} at no more than ${money(b.max_bid_price)}/h` +
    (b.end_at ? ` until ${b.end_at}` : ''),
};

export const planView: View<Plan> = {
  id: (p) => p.slug,
  columns: [
    { key: 'slug', header: 'SLUG', value: (p) => p.slug },
    { key: 'name', header: 'NAME', value: (p) => p.name, shrinkable: true },
    { key: 'on_demand', header: 'ON-DEMAND/H', value: (p) => money(p.pricing.hour), exact: (p) => p.pricing.hour },
    { key: 'cpus', header: 'CPUS', value: (p) => String(p.specs.cpus), exact: (p) => p.specs.cpus },
    { key: 'memory', header: 'MEMORY', value: (p) => `${p.specs.memory_gb} GB`, exact: (p) => p.specs.memory_gb },
    { key: 'storage', header: 'STORAGE', value: (p) => `${p.specs.storage_gb} GB`, exact: (p) => p.specs.storage_gb },
    { key: 'gpus', header: 'GPUS', value: (p) => String(p.specs.gpus ?? 0), exact: (p) => p.specs.gpus ?? 0 },
  ],
};

export const metroView: View<Metro> = {
  id: (m) => m.code,
  columns: [
    { key: 'code', header: 'CODE', value: (m) => m.code },
    { key: 'name', header: 'NAME', value: (m) => m.name, shrinkable: true },
  ],
};

/** One market's current price, beside its plan's on-demand price when known. */
export interface MarketPrice {
  metro: string;
  plan: string;
  price: number;
  onDemand: number | undefined;
}

const outOfCapacity = (p: MarketPrice) => p.onDemand !== undefined && p.price >= p.onDemand * OUT_OF_CAPACITY_FACTOR;
/** The share of the on-demand price saved; none when unknown or out of capacity. */
const discount = (p: MarketPrice) => (p.onDemand === undefined || outOfCapacity(p) ? null : 1 - p.price / p.onDemand);

export const marketPriceView: View<MarketPrice> = {
  id: (p) => `${p.metro} ${p.plan} ${p.price}`,
  columns: [
    { key: 'metro', header: 'METRO', value: (p) => p.metro },
    { key: 'plan', header: 'PLAN', value: (p) => p.plan },
    { key: 'spot', header: 'SPOT/H', value: (p) => money(p.price), exact: (p) => p.price },
    { key: 'on_demand', header: 'ON-DEMAND/H', value: (p) => money(p.onDemand), exact: (p) => p.onDemand ?? null },
    {
      key: 'discount',
      header: 'DISCOUNT',
      value: (p) => (discount(p) === null ? '-' : `${Math.round(discount(p)! * 100)}%`),
      // A fraction, for a spreadsheet to compute with.
      exact: (p) => (discount(p) === null ? null : Math.round(discount(p)! * 10_000) / 10_000),
    },
    {
      key: 'market',
      header: 'MARKET',
      value: (p) => (outOfCapacity(p) ? { text: 'OUT OF CAPACITY', style: 'red' } : { text: 'available', style: 'green' }),
    },
  ],
};

/** Piped, a price history is one exact point a line; on a terminal, a chart (see chart.ts). */
export const pricePointView: View<PricePoint> = {
  id: (p) => `${p.timestamp} ${p.price}`,
  columns: [
    { key: 'time', header: 'TIME', value: (p) => isoSeconds(p.timestamp * 1000) },
    { key: 'price', header: 'PRICE', value: (p) => String(p.price), exact: (p) => p.price },
  ],
};

/** A profile of the config file; `current` marks the one in use. */
export interface ProfileRow {
  name: string;
  current: boolean;
  api_url: string | null;
  token_set: boolean;
}

export const profileView: View<ProfileRow> = {
  id: (p) => p.name,
  columns: [
    { key: 'current', header: '', value: (p) => (p.current ? '*' : ''), exact: (p) => p.current },
    { key: 'name', header: 'NAME', value: (p) => p.name, shrinkable: true },
    { key: 'api_url', header: 'API URL', value: (p) => p.api_url ?? '-', exact: (p) => p.api_url, shrinkable: true },
    { key: 'token', header: 'TOKEN', value: (p) => (p.token_set ? 'set' : 'not set'), exact: (p) => p.token_set },
  ],
};

/** A setting in effect and where it came from; one alone (`config get`) reads as its value. */
export interface SettingRow {
  key: string;
  value: string;
  source: string;
}

export const settingView: View<SettingRow> = {
  columns: [
    { key: 'key', header: 'KEY', value: (s) => s.key },
    { key: 'value', header: 'VALUE', value: (s) => s.value, shrinkable: true },
    { key: 'source', header: 'FROM', value: (s) => s.source },
  ],
  line: (s) => s.value,
};

export interface SandboxStatus {
  running: boolean;
  url: string | null;
  pid: number | null;
  data_dir: string;
}

export const sandboxStatusView: View<SandboxStatus> = {
  columns: [
    { key: 'running', header: 'RUNNING', value: (s) => (s.running ? 'yes' : 'no'), exact: (s) => s.running },
    { key: 'url', header: 'URL', value: (s) => s.url ?? '-', exact: (s) => s.url },
    { key: 'pid', header: 'PID', value: (s) => (s.pid === null ? '-' : String(s.pid)), exact: (s) => s.pid },
    { key: 'data_dir', header: 'DATA', value: (s) => s.data_dir, shrinkable: true },
  ],
  // Two lines, so that a long data directory does not wrap the first.
  line: (s) => `${s.running ? `running at ${s.url} (pid ${s.pid})` : 'not running'}\ndata in ${s.data_dir}`,
};

/** What `fas status` found: each setting with where it came from, the API, the token, and a local sandbox. */
export interface StatusReport {
  profile: { name: string; from: Source };
  api_url: { value: string; from: Source };
  /** `accepted`: null when there is none, or the API could not be asked. */
  token: { set: boolean; from: Source | null; accepted: boolean | null };
  /** `error`: why it could not be reached, or what it answered amiss. */
  api: { reachable: boolean; round_trip_ms: number | null; error: string | null };
  /** For an API URL on loopback (a sandbox's); null otherwise. */
  sandbox: { running: boolean; pid: number | null; data_dir: string | null } | null;
}

/** Where a setting came from, in words: `--token`, `FAS_TOKEN`, `profile 'ci'`. */
export function settingSource(key: 'profile' | 'api_url' | 'token', from: Source, profile: string): string {
  return FROM[key][from](profile);
}

const FROM: Record<'profile' | 'api_url' | 'token', Record<Source, (profile: string) => string>> = {
  profile: { flag: () => '--profile', env: () => 'FAS_PROFILE', profile: () => "the config file's current profile", default: () => 'the default' },
  api_url: { flag: () => '--api-url', env: () => 'FAS_API_URL', profile: (p) => `profile '${p}'`, default: () => 'the default' },
  token: { flag: () => '--token', env: () => 'FAS_TOKEN', profile: (p) => `profile '${p}'`, default: () => 'the default' },
};

export const statusView: View<StatusReport> = {
  columns: [
    // csv gets each one's value as the JSON has it: the name, the URL, and whether the token was accepted, the API reached, the sandbox running.
    { key: 'profile', header: 'Profile', value: (r) => `${r.profile.name} (from ${FROM.profile[r.profile.from](r.profile.name)})`, exact: (r) => r.profile.name },
    { key: 'api_url', header: 'API URL', value: (r) => `${r.api_url.value} (from ${FROM.api_url[r.api_url.from](r.profile.name)})`, exact: (r) => r.api_url.value },
    {
      key: 'token',
      header: 'Token',
      exact: (r) => r.token.accepted,
      value: (r) => {
        const { set, from, accepted } = r.token;
        if (!set || from === null) return { text: 'none', style: 'red' };
        const where = `(from ${FROM.token[from](r.profile.name)})`;
        if (accepted === null) return `not checked ${where}`;
        return accepted ? { text: `accepted ${where}`, style: 'green' } : { text: `refused ${where}`, style: 'red' };
      },
    },
    {
      key: 'api',
      header: 'API',
      exact: (r) => r.api.reachable,
      value: ({ api }) => {
        if (!api.reachable) return { text: `unreachable: ${api.error ?? 'no answer'}`, style: 'red' };
        if (api.error !== null) return { text: `answers amiss: ${api.error}`, style: 'red' };
        return api.round_trip_ms === null ? 'reachable' : `reachable, ${api.round_trip_ms} ms round trip`;
      },
    },
    {
      key: 'sandbox',
      header: 'Sandbox',
      exact: (r) => r.sandbox?.running ?? null,
      value: ({ sandbox }) => {
        if (sandbox === null) return '- (the API URL is not on this machine)';
        if (!sandbox.running) return { text: 'not running', style: 'red' };
        if (sandbox.data_dir === null) return 'running (its data directory is not known)';
        return `running (pid ${sandbox.pid ?? '?'}, data in ${sandbox.data_dir})`;
      },
    },
  ],
};

/** `fas version`: what a bug report needs. */
export interface VersionInfo {
  fas: string;
  node: string;
  platform: string;
  release: string;
  arch: string;
}

export const versionView: View<VersionInfo> = {
  columns: [
    { key: 'fas', header: 'fas', value: (v) => v.fas },
    { key: 'node', header: 'Node.js', value: (v) => v.node },
    { key: 'platform', header: 'platform', value: (v) => v.platform },
    { key: 'release', header: 'release', value: (v) => v.release },
    { key: 'arch', header: 'arch', value: (v) => v.arch },
  ],
  line: (v) => `fas ${v.fas}\nNode.js v${v.node}\n${v.platform} ${v.release} ${v.arch}`,
};

/** A market's price: what `sandbox price set` and `reset` answer, a row for each market the change held or let go. */
export interface PriceRow {
  metro: string;
  plan: string;
  price: number;
}

export const priceRowView: View<PriceRow> = {
  columns: [
    { key: 'metro', header: 'METRO', value: (p) => p.metro },
    { key: 'plan', header: 'PLAN', value: (p) => p.plan },
    { key: 'price', header: 'PRICE/H', value: (p) => money(p.price), exact: (p) => p.price },
  ],
};

/** The prices of an answer, a row a metro and plan. */
export function priceRows(answer: SpotMarketPrices): PriceRow[] {
  return Object.entries(answer.spot_market_prices).flatMap(([metro, byPlan]) => Object.entries(byPlan).map(([plan, { price }]) => ({ metro, plan, price })));
}

export const sandboxClockView: View<SandboxClock> = {
  columns: [
    { key: 'now', header: 'NOW', value: (c) => c.now },
    { key: 'offset_seconds', header: 'OFFSET', value: (c) => `${c.offset_seconds}s`, exact: (c) => c.offset_seconds },
  ],
};
