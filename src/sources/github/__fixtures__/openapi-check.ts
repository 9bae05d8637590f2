/**
 * Checks requests against GitHub's own API description (`@octokit/openapi`): the method and
 * path must match an operation's path template, and a JSON body must satisfy the operation's
 * requestBody schema (a small JSON-schema subset: type, properties, required, enum, maxItems,
 * maxLength, items, additionalProperties, anyOf/oneOf/allOf, $ref) — enough to catch a wrong
 * field, a missing required one, or 51 annotations in one request.
 */
import { createRequire } from "node:module";

type Schema = Record<string, unknown>;
interface OpenApi {
  paths: Record<
    string,
    Record<string, { operationId?: string; requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: unknown }>
  >;
  components: { schemas: Record<string, Schema>; examples: Record<string, { value: unknown }> };
}

let cached: OpenApi | undefined;
export function openApi(): OpenApi {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    cached = require("@octokit/openapi/generated/api.github.com.json") as OpenApi;
  }
  return cached;
}

/** A components example's value, deep-copied (`pull-request`, `commit-items`, …). */
export function apiExample<T = unknown>(name: string): T {
  const example = openApi().components.examples[name];
  if (example === undefined) {
    throw new Error(`no example ${name}`);
  }
  return structuredClone(example.value) as T;
}

interface Template {
  template: string;
  segments: string[];
}
let templates: Template[] | undefined;

/** The operation's path template for a concrete path, or undefined when GitHub has none. */
export function matchOperation(method: string, path: string): { template: string; operationId: string | undefined } | undefined {
  const api = openApi();
  templates ??= Object.keys(api.paths).map((template) => ({ template, segments: template.split("/") }));
  const parts = path.split("/");
  const candidates = templates.filter(({ template, segments }) => {
    if (api.paths[template]?.[method.toLowerCase()] === undefined) {
      return false;
    }
    // `{path}` (contents API) is the last segment and may span several.
    const last = segments[segments.length - 1];
    const greedy = last === "{path}";
    if (greedy ? parts.length < segments.length : parts.length !== segments.length) {
      return false;
    }
    return segments.every((segment, i) => (segment.startsWith("{") ? (parts[i] ?? "") !== "" : segment === parts[i]));
  });
  // Prefer the template with the most literal segments (`/pulls/{n}/files` over `/{a}/{b}/{c}`).
  candidates.sort((a, b) => literalCount(b) - literalCount(a));
  const best = candidates[0];
  return best === undefined
    ? undefined
    : { template: best.template, operationId: api.paths[best.template]?.[method.toLowerCase()]?.operationId };
}

function literalCount(t: Template): number {
  return t.segments.filter((s) => !s.startsWith("{")).length;
}

/** Problems with a JSON body for the operation; empty when it conforms. */
export function validateBody(method: string, template: string, body: unknown): string[] {
  const requestBody = openApi().paths[template]?.[method.toLowerCase()]?.requestBody as
    { required?: boolean; content?: Record<string, { schema?: Schema }> } | undefined;
  const schema = requestBody?.content?.["application/json"]?.schema;
  if (body === undefined) {
    return requestBody?.required === true ? [`${method} ${template}: a JSON body is required`] : [];
  }
  if (schema === undefined) {
    return body === undefined ? [] : [`${method} ${template} takes no JSON body`];
  }
  return validate(schema, body, "body");
}

function resolve(schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    return openApi().components.schemas[ref.slice("#/components/schemas/".length)] ?? {};
  }
  return schema;
}

function validate(raw: Schema, value: unknown, at: string): string[] {
  const schema = resolve(raw);
  const errors: string[] = [];
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options && !options.some((option) => validate(option, value, at).length === 0)) {
      errors.push(`${at}: matches none of ${key}`);
    }
  }
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) {
    errors.push(...validate(part, value, at));
  }
  const type = schema.type;
  if (value === null) {
    return schema.nullable === true || (Array.isArray(type) && type.includes("null")) ? errors : [...errors, `${at}: null not allowed`];
  }
  const actual = Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
  const types = Array.isArray(type) ? (type as string[]) : typeof type === "string" ? [type] : [];
  if (types.length > 0 && !types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
    return [...errors, `${at}: expected ${types.join("|")}, got ${actual}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  }
  if (typeof value === "string" && typeof schema.maxLength === "number" && value.length > schema.maxLength) {
    errors.push(`${at}: longer than ${String(schema.maxLength)}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) {
      errors.push(`${at}: ${String(value.length)} items, at most ${String(schema.maxItems)}`);
    }
    if (schema.items !== undefined) {
      value.forEach((item, i) => errors.push(...validate(schema.items as Schema, item, `${at}[${String(i)}]`)));
    }
  }
  if (actual === "object" && typeof value === "object") {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const record = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in record)) {
        errors.push(`${at}.${key}: required`);
      }
    }
    for (const [key, item] of Object.entries(record)) {
      const sub = properties[key];
      if (sub !== undefined) {
        errors.push(...validate(sub, item, `${at}.${key}`));
      } else if (
        schema.additionalProperties === false ||
        (schema.properties !== undefined &&
          schema.additionalProperties === undefined &&
          !("anyOf" in schema) &&
          !("oneOf" in schema) &&
          !("allOf" in schema))
      ) {
        // GitHub's request schemas list every field it accepts; an unknown one is our bug.
        errors.push(`${at}.${key}: not a field of this operation`);
      }
    }
  }
  return errors;
}
