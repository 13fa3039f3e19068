// The sandbox's request validation, generated from openapi/fas.yaml: for each
// operation, its method and path, how its query parameters are read, and one
// validator over {path, query, headers, body} compiled by ajv into plain code
// (standalone), so the sandbox loads it and compiles nothing at run time. Each
// field also gets what it must be in words, which the 422's lines say.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The text of src/api/operations.gen.ts for the parsed document. */
export function requestValidators(doc) {
  const { root, operations } = requestSchemas(doc);
  const ajv = new Ajv2020({
    allErrors: true, // every failing field, not the first
    useDefaults: true, // the document's defaults (page, per_page) are filled in
    allowUnionTypes: true,
    code: { source: true, esm: true, lines: true },
  });
  addFormats(ajv, ['date-time', 'date', 'uuid']);
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addSchema(root);
  const exported = Object.fromEntries(operations.map((op) => [`validate_${op.operationId}`, `fas#/$defs/request_${op.operationId}`]));
  const code = importsForRequires(standaloneCode(ajv, exported));
  const table = operations.map(({ schema, ...spec }) => `  ${spec.operationId}: { ...${JSON.stringify(spec)}, validate: validate_${spec.operationId} },`);
  return [
    '// @ts-nocheck',
    '// Generated from openapi/fas.yaml by scripts/build.mjs (scripts/request-validators.mjs). Do not edit.',
    "import type { OperationId, OperationSpec } from './operations.js';",
    code,
    `export const operations: Record<OperationId, OperationSpec> = {\n${table.join('\n')}\n};\n`,
  ].join('\n');
}

/** One JSON Schema document with every component schema and, per operation, the schema of its whole request. */
function requestSchemas(doc) {
  const defs = rewriteRefs(structuredClone(doc.components.schemas));
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) operations.push(operation(doc, path, method, item, op, defs));
    }
  }
  for (const op of operations) defs[`request_${op.operationId}`] = op.schema;
  return { root: { $id: 'fas', $defs: defs }, operations };
}

function operation(doc, path, method, item, op, defs) {
  const params = new Map();
  for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(doc, p))) params.set(`${p.in} ${p.name}`, p);
  const group = (where, key = (p) => p.name) => {
    const list = [...params.values()].filter((p) => p.in === where);
    return {
      list,
      schema: {
        type: 'object',
        properties: Object.fromEntries(list.map((p) => [key(p), rewriteRefs(structuredClone(p.schema))])),
        required: list.filter((p) => p.required).map(key),
      },
    };
  };
  const pathParams = group('path');
  const query = group('query');
  const headers = group('header', (p) => p.name.toLowerCase());
  const requestBody = op.requestBody && resolve(doc, op.requestBody);
  const bodySchema = requestBody && rewriteRefs(structuredClone(requestBody.content['application/json'].schema));
  const schema = {
    type: 'object',
    properties: {
      path: pathParams.schema,
      query: query.schema,
      headers: headers.schema,
      ...(bodySchema ? { body: bodySchema } : {}),
    },
    required: requestBody?.required ? ['body'] : [],
  };
  const fields = {};
  describeFields(schema, '', fields, { defs, names: Object.fromEntries(headers.list.map((p) => [`headers.${p.name.toLowerCase()}`, p.name])) });
  return {
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    query: query.list.map((p) => ({ name: p.name, type: scalarType(p.schema, defs) })),
    headers: headers.list.map((p) => p.name.toLowerCase()),
    body: !requestBody ? 'none' : requestBody.required ? 'required' : 'optional',
    fields,
    schema,
  };
}

/** The `in` and `name` a query value is read as: digits for an integer, every value of a repeated name for an array, and so on. */
function scalarType(schema, defs) {
  const s = deref(schema, defs);
  return ['integer', 'number', 'boolean', 'array'].includes(s.type) ? s.type : 'string';
}

function resolve(doc, node) {
  if (!node.$ref) return node;
  const target = node.$ref.slice(2).split('/').reduce((at, part) => at[part], doc);
  return resolve(doc, target);
}

/** `#/components/schemas/X` becomes `#/$defs/X`: the schemas travel as one JSON Schema document. */
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  for (const [k, v] of Object.entries(node)) {
    node[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', '#/$defs/') : rewriteRefs(v);
  }
  return node;
}

function deref(schema, defs) {
  return schema.$ref ? deref(defs[schema.$ref.split('/').at(-1)], defs) : schema;
}

/**
 * Each field by its key (`body.instance_parameters.plan`, `query.page`): the
 * name a 422 line gives it, what it must be, and for an array that its items
 * are reported as the array itself.
 */
function describeFields(raw, key, fields, ctx) {
  const schema = deref(raw, ctx.defs);
  if (key && !GROUPS.includes(key)) {
    const field = { name: displayName(key, ctx.names), expected: expected(schema, ctx.defs, key === 'body') };
    if (schema.minProperties) field.nonEmpty = `give at least one of ${Object.keys(schema.properties).join(', ')}`;
    if (schema.type === 'array') field.array = true;
    fields[key] = field;
  }
  for (const [name, sub] of Object.entries(schema.properties ?? {})) describeFields(sub, key ? `${key}.${name}` : name, fields, ctx);
  if (schema.type === 'array' && schema.items) for (const [name, sub] of Object.entries(deref(schema.items, ctx.defs).properties ?? {})) describeFields(sub, `${key}.${name}`, fields, ctx);
}

const GROUPS = ['path', 'query', 'headers'];

function displayName(key, names) {
  if (names[key]) return names[key];
  if (key === 'body') return 'body';
  return key.split('.').slice(1).join('.');
}

/** What a value must be, as the end of "must be ...": "a whole number from 1 to 1000". */
function expected(raw, defs, root = false) {
  const s = deref(raw, defs);
  if (s['x-expected']) return s['x-expected'];
  if (s.enum) return `one of ${s.enum.join(', ')}`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.type)) {
    const other = s.type.filter((t) => t !== 'null');
    const noun = expected({ ...s, type: other.length === 1 ? other[0] : other }, defs, root);
    return s.type.includes('null') ? `${noun}, or null` : noun;
  }
  switch (s.type) {
    case 'string':
      if (s.format === 'date-time') return 'an ISO 8601 time with its offset (2026-11-22T10:00:00Z)';
      if (s.format === 'date') return 'a date (2026-11-22)';
      if (s.format === 'uuid') return 'a UUID';
      if (s.pattern) return `a string matching ${s.pattern}`;
      return `a string${lengths(s)}`;
    case 'integer':
      return `a whole number${range(s)}`;
    case 'number':
      return `a number${range(s)}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      return `an array of ${plural(s.items ? expected(s.items, defs) : 'values')}`;
    case 'object':
      if (root) return 'a JSON object';
      return s.required?.length ? `an object with at least ${s.required.join(', ')}` : 'an object';
    default:
      return s.anyOf || s.oneOf ? (s.anyOf ?? s.oneOf).map((b) => expected(b, defs)).join(', or ') : 'a value';
  }
}

function range(s) {
  const low = s.minimum !== undefined ? ['from', s.minimum] : s.exclusiveMinimum !== undefined ? ['greater than', s.exclusiveMinimum] : undefined;
  const high = s.maximum !== undefined ? s.maximum : undefined;
  if (low && high !== undefined) return low[0] === 'from' ? ` from ${low[1]} to ${high}` : ` greater than ${low[1]} and at most ${high}`;
  if (low) return low[0] === 'from' ? ` of at least ${low[1]}` : ` greater than ${low[1]}`;
  if (high !== undefined) return ` of at most ${high}`;
  return '';
}

function lengths(s) {
  if (s.minLength !== undefined && s.maxLength !== undefined) return ` of ${s.minLength} to ${s.maxLength} characters`;
  if (s.minLength === 1) return ', not empty';
  if (s.maxLength !== undefined) return ` of at most ${s.maxLength} characters`;
  return '';
}

function plural(noun) {
  const simple = { 'a string': 'strings', 'a number': 'numbers', 'a whole number': 'whole numbers', 'true or false': 'true or false values', 'an object': 'objects' };
  return simple[noun] ?? `items that are each ${noun}`;
}

/**
 * ajv's standalone code reaches its runtime helpers with require(). Each is
 * given here as an import (which the bundler carries into dist/ and the
 * tests load from source alike) or, for the one-line length count, inline.
 */
const HELPERS = {
  'require("ajv-formats/dist/formats").fullFormats': {
    name: 'fullFormats',
    source: "import { fullFormats } from 'ajv-formats/dist/formats.js';",
  },
  'require("ajv/dist/runtime/ucs2length").default': {
    name: 'ucs2length',
    // What ajv's helper counts: characters (code points), not UTF-16 units.
    source: 'function ucs2length(text) { let n = 0; for (const _ of text) n++; return n; }',
  },
};

function importsForRequires(code) {
  const used = new Set();
  let body = code.replace(/^"use strict";/, '');
  for (const [call, helper] of Object.entries(HELPERS)) {
    if (!body.includes(call)) continue;
    used.add(helper.source);
    body = body.split(call).join(helper.name);
  }
  const left = /require\([^)]*\)/.exec(body);
  if (left) throw new Error(`the generated validators need ${left[0]}: give it in HELPERS of scripts/request-validators.mjs`);
  return `${[...used].join('\n')}\n${body}`;
}
