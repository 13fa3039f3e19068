// The checks that a metro or plan is one the sandbox has: the catalog is
// its data, not the document's.
import { findMetro, findPlan, METROS, PLANS } from '../market/catalog.js';

const listOf = (codes: readonly string[]) => ` (known: ${codes.join(', ')})`;

/** The 422 line for a metro the sandbox does not have (`name` is the field), with the known ones when `withList`. */
export function unknownMetro(name: string, code: string | undefined, withList = false): string | undefined {
  if (code === undefined || findMetro(code)) return undefined;
  return `${name}: unknown metro '${code}'${withList ? listOf(METROS.map((m) => m.code)) : ''}`;
}

export function unknownPlan(name: string, slug: string | undefined, withList = false): string | undefined {
  if (slug === undefined || findPlan(slug)) return undefined;
  return `${name}: unknown plan '${slug}'${withList ? listOf(PLANS.map((p) => p.slug)) : ''}`;
}
