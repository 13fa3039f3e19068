// Which columns a table, wide or csv output shows: --columns, in its order,
// else the view's own (a table leaves out the columns only wide shows).
import { UsageError } from '../../errors.js';
import type { Column } from './view.js';

export function chooseColumns<T>(columns: readonly Column<T>[], asked: readonly string[] | undefined, wide: boolean): Column<T>[] {
  if (!asked) return columns.filter((c) => wide || !c.wide);
  const byKey = new Map(columns.map((c) => [c.key.toLowerCase(), c]));
  return asked.map((name) => {
    const column = byKey.get(name.toLowerCase());
    if (!column) {
      const valid = columns.map((c) => c.key).join(', ');
      throw new UsageError(`unknown column '${name}' in --columns: this command's columns are ${valid || 'none'}`);
    }
    return column;
  });
}
