// What each argument and option of fas takes, for shell completion. Every
// command is listed here, with each of its arguments: a test walks the
// program and fails on a command or a value-taking option left out, so a new
// command comes with its completion. Options and arguments with commander's
// .choices() complete from those and need no entry.
import { EVENT_TYPES } from '../../api/types.js';
import { PROFILE_KEYS } from '../shared/config-store.js';

/**
 * Where the values come from: the API (spots by id or IP, bids and executions
 * by id, metros, plans), the config file (profiles), the program (`command`:
 * the names of commands, for `fas help`), the shell (`dir`), a fixed list, or
 * nowhere (`none`: free text such as a duration or a price).
 */
export type Source = 'spot' | 'bid' | 'execution' | 'metro' | 'plan' | 'profile' | 'command' | 'dir' | 'none' | readonly string[];

/** Each command (as typed after `fas`), and each of its arguments by name. */
export const COMMAND_ARGUMENTS: Readonly<Record<string, Readonly<Record<string, Source>>>> = {
  'spots add': {},
  'spots list': {},
  'spots get': { 'id-or-ip': 'spot' },
  'spots remove': { 'id-or-ip': 'spot' },
  'spots convert': { 'id-or-ip': 'spot' },
  'spots watch': { 'id-or-ip': 'spot' },
  'spots wait': { 'id-or-ip': 'spot' },
  events: {},
  'executions get': { id: 'execution' },
  'executions list': {},
  'executions wait': { id: 'execution' },
  'executions cancel': { id: 'execution' },
  'market prices': {},
  'market history': {},
  'market backtest': {},
  'market advise': {},
  'market plans': {},
  'market metros': {},
  'bids create': {},
  'bids list': {},
  'bids get': { id: 'bid' },
  'bids delete': { id: 'bid' },
  login: {},
  logout: {},
  status: {},
  version: {},
  'config list': {},
  'config get': { key: PROFILE_KEYS },
  'config set': { key: PROFILE_KEYS.filter((k) => k !== 'token'), value: 'none' },
  'config unset': { key: PROFILE_KEYS.filter((k) => k !== 'token') },
  'profiles list': {},
  'profiles use': { name: 'profile' },
  'profiles delete': { name: 'profile' },
  'sandbox start': {},
  'sandbox stop': {},
  'sandbox status': {},
  'sandbox price set': { price: 'none' },
  'sandbox price reset': {},
  'sandbox clock advance': { duration: 'none' },
  'fleet plan': { name: 'none' },
  'fleet keep': { name: 'none' },
  'fleet list': {},
  'fleet status': { name: 'none' },
  'fleet release': { name: 'none' },
  completion: {},
  mcp: {},
  help: { command: 'command' },
};

/** What an option's value is, by its long flag, on whichever command it appears. */
export const OPTION_VALUES: Readonly<Record<string, Source>> = {
  '--api-url': 'none',
  '--token': 'none',
  '--profile': 'profile',
  '--columns': 'none',
  '--query': 'none',
  '--retries': 'none',
  '--request-timeout': 'none',
  '--metro': 'metro',
  '--plan': 'plan',
  '--bid': 'bid',
  '--limit': 'none',
  '--timeout': 'none',
  '--idempotency-key': 'none',
  '--max-price': 'none',
  '--availability': 'none',
  '--lookback': 'none',
  '--min': 'none',
  '--max': 'none',
  '--end-at': 'none',
  '--hostname': 'none',
  '--tag': 'none',
  '--description': 'none',
  '--since': 'none',
  '--after': 'none',
  '--type': EVENT_TYPES,
  '--on-termination': 'none',
  '--on-event': 'none',
  '--from': 'none',
  '--until': 'none',
  '--data': 'dir',
  '--port': 'none',
  '--host': 'none',
  '--provision-seconds': 'none',
  '--fail-rate': 'none',
  '--seed': 'none',
  '--faults': 'none',
  '--rate-limit': 'none',
  '--count': 'none',
  '--max-spend': 'none',
  '--on-demand-base': 'none',
  '--max-share': 'none',
  '--cooldown': 'none',
  '--max-surge': 'none',
  '--rebalance-margin': 'none',
  '--min-lifetime': 'none',
  '--hold-down': 'none',
  '--backtest': 'none',
  '--period': 'none',
};
