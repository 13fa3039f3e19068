// How a fleet reads for people: a plan's policies side by side, its markets,
// and a fleet's actions. JSON never goes through these.
import type { FleetPlan, PlanFigures } from '../../fleet/plan.js';
import { money } from '../output/format.js';
import type { View } from '../output/view.js';

const pct = (n: number) => `${(n * 100).toFixed(n >= 0.999 && n < 1 ? 2 : 1)}%`;

export type PlanRow = PlanFigures & { label: string };

export function planRows(plan: FleetPlan): PlanRow[] {
  return [
    { ...plan.fleet, label: 'fleet' },
    { ...plan.single, label: `one bid, ${plan.single.metro} ${plan.single.plan}` },
    { ...plan.on_demand, label: 'all on-demand' },
  ];
}

export const planView: View<PlanRow> = {
  id: (r) => r.policy,
  columns: [
    { key: 'policy', header: 'POLICY', value: (r) => r.label, shrinkable: true },
    { key: 'kept', header: 'KEPT', value: (r) => pct(r.kept), exact: (r) => r.kept },
    { key: 'on_spot', header: 'ON_SPOT', value: (r) => pct(r.kept_on_spot), exact: (r) => r.kept_on_spot },
    { key: 'cost', header: 'COST', value: (r) => money(r.cost_per_hour), exact: (r) => r.cost_per_hour },
    { key: 'vs_od', header: 'VS_OD', value: (r) => pct(r.vs_on_demand), exact: (r) => r.vs_on_demand },
    { key: 'replaced', header: 'REPLACED', value: (r) => String(r.replacements), exact: (r) => r.replacements },
    { key: 'worst_hour', header: 'WORST_HOUR', value: (r) => pct(r.worst_hour.kept), exact: (r) => r.worst_hour.kept },
    { key: 'worst_at', header: 'WORST_AT', value: (r) => r.worst_hour.at, wide: true },
    { key: 'revoked', header: 'REVOKED', value: (r) => String(r.revocations), exact: (r) => r.revocations, wide: true },
    { key: 'max_held', header: 'MAX_HELD', value: (r) => String(r.max_held), exact: (r) => r.max_held, wide: true },
    { key: 'max_spend', header: 'MAX_SPEND', value: (r) => money(r.max_spend_rate), exact: (r) => r.max_spend_rate, wide: true },
  ],
};

/** The fleet's markets under the table: where its spot-hours went. */
export function marketLines(plan: FleetPlan): string {
  const rows = plan.fleet.markets.filter((m) => m.purchases > 0);
  const lines = rows.map(
    (m) =>
      `  ${`${m.metro} ${m.plan}`.padEnd(14)} ${m.spot_hours.toFixed(0).padStart(6)} spot-h ${m.on_demand_hours.toFixed(0).padStart(5)} on-demand-h ` +
      `${money(m.cost).padStart(9)} ${String(m.revocations).padStart(4)} revoked`,
  );
  return [`${plan.from} to ${plan.until}, ${plan.count} spots; the fleet by market:`, ...lines].join('\n');
}
