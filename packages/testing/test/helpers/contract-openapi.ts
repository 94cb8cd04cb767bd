import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** The vendored OpenAPI subset (see test/fixtures/README.md), the contract both sides are checked against. */
const DOC_URL = new URL('../fixtures/openapi-minting-subset.json', import.meta.url);

type Json = Record<string, unknown>;
interface OpenApiDoc {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, Json> }>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

export const openApiDoc = JSON.parse(readFileSync(DOC_URL, 'utf8')) as OpenApiDoc;

/**
 * OpenAPI 3.0 is not JSON Schema: `nullable: true` must become a `null` type. A node with a
 * `type` gets `[type, 'null']` (and `null` added to an enum); a `$ref`/composition node is
 * wrapped in `anyOf [..., {type: 'null'}]`.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'nullable' || k === 'example' || k === 'deprecated') continue;
    out[k] = k === 'enum' ? v : toJsonSchema(v);
  }
  if ((node as Json).nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

// ajv-formats ships CJS with `module.exports = formatsPlugin` plus a `default` property.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: { schemas: toJsonSchema(openApiDoc.components.schemas) } });

const validators = new Map<string, ValidateFunction>();

function responseSpec(path: string, method: string, status: number): { schema: Json; headers: string[] } {
  const op = openApiDoc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`the OpenAPI subset has no operation ${method} ${path}`);
  let response = op.responses[String(status)];
  if (!response) throw new Error(`${op.operationId} declares no ${status} response`);
  const ref = response.$ref as string | undefined;
  if (ref) response = openApiDoc.components.responses[ref.split('/').pop() as string] as Json;
  const content = response.content as Record<string, { schema: Json }> | undefined;
  const schema = content?.['application/json']?.schema;
  if (!schema) throw new Error(`${op.operationId} ${status} has no JSON schema`);
  return { schema, headers: Object.keys((response.headers as Json | undefined) ?? {}) };
}

/** `$ref`s in a response schema point into the document registered under `openapi`. */
const rebase = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"openapi#/components/'));

/**
 * Validates a response (status, JSON body, declared headers) against the operation's
 * declared response. Throws with ajv's errors, so a failing test shows what differs.
 */
export function assertMatchesContract(
  path: string,
  method: string,
  res: { status: number; body: unknown; headers: Headers },
): void {
  const key = `${method} ${path} ${res.status}`;
  const spec = responseSpec(path, method, res.status);
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rebase(spec.schema) as Json);
    validators.set(key, validate);
  }
  if (!validate(res.body)) {
    throw new Error(
      `${key} body does not match the OpenAPI subset:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(res.body, null, 1).slice(0, 2000)}`,
    );
  }
  const missing = spec.headers.filter((h) => !res.headers.has(h));
  if (missing.length > 0) throw new Error(`${key} lacks declared headers: ${missing.join(', ')}`);
}

export const operations = (): Array<{
  path: string;
  method: string;
  operationId: string;
  statuses: string[];
}> =>
  Object.entries(openApiDoc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      path,
      method: method.toUpperCase(),
      operationId: op.operationId,
      statuses: Object.keys(op.responses),
    })),
  );
