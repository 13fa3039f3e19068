// What an option's value completes to, by its long flag, wherever it
// appears: the flags that name something the API, the config file or the
// shell knows. Any other option takes free text (a duration, a price); one
// with commander's .choices() completes from those. Arguments say their own
// in their command's definition (.completes()).
import { EVENT_TYPES } from '../../api/types.js';
import type { Source } from './source.js';

export type { Source };

/** The flags whose values complete to something. */
export const OPTION_VALUES: Readonly<Record<string, Source>> = {
  '--profile': 'profile',
  '--metro': 'metro',
  '--plan': 'plan',
  '--bid': 'bid',
  '--type': EVENT_TYPES,
  '--data': 'dir',
};
