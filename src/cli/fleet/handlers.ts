// The fleet group's handlers, loaded with the others (handlers/index.ts).
export { plan } from './plan.js';
