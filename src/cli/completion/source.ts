/**
 * Where a value's completions come from: the API (spots by id or IP, bids and
 * executions by id, metros, plans), the config file (profiles), the program
 * (`command`: the names of commands, for `fas help`), the shell (`dir`), a
 * fixed list, or nowhere (`none`: free text such as a duration or a price).
 */
export type Source = 'spot' | 'bid' | 'execution' | 'metro' | 'plan' | 'profile' | 'command' | 'dir' | 'none' | readonly string[];
