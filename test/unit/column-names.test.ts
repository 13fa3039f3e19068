// One name per column: a table's header is its key in upper case, and a
// detail's label the same words, so what a person reads in a table is what
// --columns takes and csv's header says.
import { describe, expect, it } from 'vitest';
import type { View } from '../../src/cli/output/view.js';
import * as account from '../../src/cli/account/views.js';
import * as events from '../../src/cli/events/views.js';
import * as market from '../../src/cli/market/views.js';
import * as sandbox from '../../src/cli/sandbox/views.js';
import * as spots from '../../src/cli/spots/views.js';
import * as bids from '../../src/cli/bids/views.js';
import * as executions from '../../src/cli/executions/views.js';
import * as fleetList from '../../src/cli/fleet/manage.js';
import * as fleetActions from '../../src/cli/fleet/report.js';
import * as fleetPlan from '../../src/cli/fleet/views.js';

/** Shown only as the fields of one item, never as a table: labels for reading. */
const FIELDS_ONLY = new Set<unknown>([account.statusView, account.versionView, market.backtestView]);

const modules = { account, events, market, sandbox, spots, bids, executions, fleetList, fleetActions, fleetPlan };
const views = Object.entries(modules).flatMap(([module, exports]) => Object.entries(exports).map(([name, value]): [string, unknown] => [`${module}.${name}`, value])).filter(
  (entry): entry is [string, View<unknown>] => typeof entry[1] === 'object' && entry[1] !== null && Array.isArray((entry[1] as View<unknown>).columns),
);

describe('column names', () => {
  it('finds the views', () => {
    expect(views.map(([name]) => name)).toEqual(
      expect.arrayContaining(['spots.spotView', 'bids.bidView', 'executions.executionView', 'market.planView', 'events.eventView', 'fleetList.fleetView', 'fleetActions.actionView', 'fleetPlan.planView']),
    );
  });

  it.each(views.filter(([, v]) => !FIELDS_ONLY.has(v)))('%s: each header is its key in upper case', (_, view) => {
    for (const column of view.columns) expect(column.header, column.key).toBe(column.key.toUpperCase());
  });

  it.each(views.filter(([, v]) => v.detail))('%s: each detail label is its key in words', (_, view) => {
    for (const field of view.detail!) expect(field.header.toLowerCase().replace(/ /g, '_'), field.header).toBe(field.key);
  });

  it('spots: the table and spots get name the termination time alike', () => {
    expect(spots.spotView.columns.find((c) => c.key === 'terminates')!.header).toBe('TERMINATES');
    expect(spots.spotView.detail!.find((c) => c.key === 'terminates')!.header).toBe('Terminates');
  });
});
