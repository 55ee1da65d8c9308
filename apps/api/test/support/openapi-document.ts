import { execFileSync } from 'node:child_process';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document the contract and fuzz tests read. */
export type JsonSchema = Record<string, any>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** One operation of the document, with a matcher for concrete request paths. */
export interface Operation {
  /** `GET /api/cohorts/{id}/gradebook` */
  key: string;
  method: string;
  /** The document's path template, `/api/cohorts/{id}/gradebook`. */
  path: string;
  op: OpenApiOperation;
  pattern: RegExp;
  /** Literal segments: the more, the more specific (`/notifications/read-all` beats `/notifications/{id}`). */
  literals: number;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const segments = path.split('/').filter(Boolean);
      const pattern = new RegExp(`^/${segments.map((s) => (s.startsWith('{') ? '[^/]+' : escapeRegExp(s))).join('/')}/?$`);
      operations.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op, pattern, literals: segments.filter((s) => !s.startsWith('{')).length });
    }
  }
  return operations;
}

/** The operation a concrete request (`GET /api/cohorts/7e…/gradebook`) went to, or undefined. */
export function matchOperation(operations: Operation[], method: string, fullPath: string): Operation | undefined {
  return operations
    .filter((o) => o.method === method.toUpperCase() && o.pattern.test(fullPath))
    .sort((a, b) => b.literals - a.literals)[0];
}

/** The JSON schema of an operation's answer with this status, if the document gives one. */
export function responseSchema(op: OpenApiOperation, status: number): JsonSchema | undefined {
  const response = op.responses[String(status)];
  return response?.content?.['application/json']?.schema;
}

/**
 * Validates bodies against the document's schemas with ajv. OpenAPI 3.0 is not
 * JSON Schema: `nullable: true` becomes a `null` alternative, and refs point into
 * the document. Objects with declared properties refuse undeclared ones, so a
 * field the contract does not name (a leaked column) fails the check too — except
 * on `ApiError`, whose bodies may carry extra context (the roster report).
 */
export class SchemaChecker {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true, formats: { binary: true } });
    addFormats(this.ajv);
    const schemas: Record<string, JsonSchema> = {};
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      schemas[name] = toJsonSchema(schema, name !== 'ApiError' && name !== 'FieldError');
    }
    this.ajv.addSchema({ $id: 'openapi', components: { schemas } });
  }

  /** Problems of `body` against `schema` (empty when it matches). */
  check(schema: JsonSchema, body: unknown): string[] {
    const key = JSON.stringify(schema);
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, true));
      this.cache.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }
}

/** OpenAPI 3.0 schema → JSON Schema (draft 7) that ajv reads. */
export function toJsonSchema(schema: JsonSchema, closeObjects: boolean): JsonSchema {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, closeObjects)) as unknown as JsonSchema;
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    if (key === '$ref' && typeof value === 'string') out[key] = value.replace(/^#\/components\/schemas\//, 'openapi#/components/schemas/');
    else if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([p, s]) => [p, toJsonSchema(s, closeObjects)]));
    else if (typeof value === 'object' && value !== null) out[key] = toJsonSchema(value, closeObjects);
    else out[key] = value;
  }
  if (closeObjects && out['properties'] && out['additionalProperties'] === undefined) out['additionalProperties'] = false;
  if (schema['nullable'] === true) {
    if (out['$ref'] || out['allOf'] || out['oneOf'] || out['anyOf'] || !out['type']) return { anyOf: [out, { type: 'null' }] };
    out['type'] = Array.isArray(out['type']) ? [...out['type'], 'null'] : [out['type'], 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  }
  return out;
}

/** Resolves a `#/components/schemas/X` reference (once; nested refs stay refs). */
export function resolveRef(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  const ref = schema['$ref'] ?? schema['allOf']?.[0]?.['$ref'];
  if (typeof ref !== 'string') return schema;
  return doc.components?.schemas?.[ref.replace('#/components/schemas/', '')];
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Validates the document as OpenAPI 3 with @seriousme/openapi-schema-validator.
 * The package is ESM-only, which Jest's CommonJS runtime cannot load, so it runs
 * in a child Node process that reads the document on stdin.
 */
export function validateOpenApi(doc: OpenApiDocument): { valid: boolean; errors: unknown } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const result = await new Validator().validate(JSON.parse(input));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors ?? [] }));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(doc), cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.toString('utf8'));
}
