// The operations of openapi/fas.yaml: what the build generates for each
// (operations.gen.ts: how its request is read and validated) and the types
// of a request once it is valid.
import type { operations as Operations } from './schema.js';

export type OperationId = keyof Operations;

/** How a query parameter's text is read before its schema checks it. */
export interface QueryParameter {
  name: string;
  /** `array`: the name repeated, each value a string (`?tag=a&tag=b`). */
  type: 'integer' | 'number' | 'boolean' | 'string' | 'array';
}

/** A field of a request, by its key (`body.instance_parameters.plan`, `query.page`). */
export interface Field {
  /** As a 422 line names it: `instance_parameters.plan`, `page`, `Idempotency-Key`. */
  name: string;
  /** What it must be, in words: `a whole number from 1 to 1000`. */
  expected: string;
  /** For an object that must not be empty: what to give. */
  nonEmpty?: string;
  /** Its items' failures are the array's. */
  array?: boolean;
}

export interface ValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface OperationSpec {
  operationId: OperationId;
  method: string;
  /** As the document writes it: `/api/spots/{id}`. */
  path: string;
  query: QueryParameter[];
  /** The headers it names, in lower case. */
  headers: string[];
  body: 'none' | 'optional' | 'required';
  fields: Record<string, Field>;
  /** Checks `{path, query, headers, body}`, filling in the document's defaults. */
  validate: { (request: unknown): boolean; errors?: ValidationError[] | null };
}

type ParametersOf<I extends OperationId> = Operations[I]['parameters'];
type Present<T> = [NonNullable<T>] extends [never] ? Record<string, never> : NonNullable<T>;
type JsonBody<B> = B extends { content: { 'application/json': infer J } } ? J : never;

export type PathOf<I extends OperationId> = Present<ParametersOf<I>['path']>;
export type QueryOf<I extends OperationId> = Present<ParametersOf<I>['query']>;
/** The body as validated; undefined when the operation takes none, or an optional one was not sent. */
export type BodyOf<I extends OperationId> = [NonNullable<Operations[I]['requestBody']>] extends [never]
  ? undefined
  : undefined extends Operations[I]['requestBody']
    ? JsonBody<NonNullable<Operations[I]['requestBody']>> | undefined
    : JsonBody<Operations[I]['requestBody']>;
