// How executions read for people (see spots/views.ts for the rules every view keeps).
import type { Execution } from '../../api/types.js';
import { when } from '../output/format.js';
import { stateColour } from '../output/state-style.js';
import type { View } from '../output/view.js';

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
