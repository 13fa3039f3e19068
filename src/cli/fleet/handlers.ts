// The fleet group's handlers, loaded with the others (handlers/index.ts).
export { plan } from './plan.js';
export { keep } from './keep.js';
export { list, status, release } from './manage.js';
