/**
 * A response whose Content-Type is set to something a browser does not render as HTML
 * (`text/plain`, JSON, CSV, XML) before it is written cannot carry cross-site scripting, however
 * the body was built: `res.type('json')`, `res.set('Content-Type', 'text/plain')`,
 * `res.setHeader(…)`, `res.header(…)`, `res.contentType(…)`, `res.writeHead(200, { 'Content-Type': … })`.
 * Only constant types count; SVG and anything naming html stay renderable.
 */
import type { AnyNode } from "./ast-nodes.js";
import { keyName, staticPropertyName, unwrap } from "./ast-nodes.js";

const RENDERABLE = /html|svg/i;

function constant(node: AnyNode | undefined): string | undefined {
  const current = node === undefined ? undefined : unwrap(node);
  if (current?.type === "Literal" && typeof current.value === "string") {
    return current.value;
  }
  if (current?.type === "TemplateLiteral" && (current.expressions as AnyNode[]).length === 0) {
    return ((current.quasis as AnyNode[])[0]?.value as { cooked?: string } | undefined)?.cooked;
  }
  return undefined;
}

function isPlain(type: string | undefined): boolean {
  return type !== undefined && type.trim() !== "" && !RENDERABLE.test(type);
}

/** Whether `receiver.method(...args)` sets a non-HTML content type. */
export function setsPlainContentType(method: string, args: readonly AnyNode[]): boolean {
  switch (method) {
    case "type":
    case "contentType":
      return isPlain(constant(args[0]));
    case "set":
    case "setHeader":
    case "header":
    case "append":
      return constant(args[0])?.toLowerCase() === "content-type" && isPlain(constant(args[1]));
    case "writeHead": {
      const headers = args.map(unwrap).find((arg) => arg.type === "ObjectExpression");
      const property = (headers?.properties as AnyNode[] | undefined)?.find(
        (p) => p.type === "Property" && keyName(p)?.toLowerCase() === "content-type",
      );
      return property !== undefined && isPlain(constant(property.value as AnyNode));
    }
    default:
      return false;
  }
}

/** The identifier a member chain starts from: `res` in `res.status(200).type('json').send`. */
export function chainRoot(node: AnyNode): AnyNode | undefined {
  let current = unwrap(node);
  for (let hops = 0; hops < 16; hops++) {
    if (current.type === "Identifier") {
      return current;
    }
    if (current.type === "MemberExpression" && staticPropertyName(current) !== undefined) {
      current = unwrap(current.object as AnyNode);
    } else if (current.type === "CallExpression") {
      current = unwrap(current.callee as AnyNode);
    } else {
      return undefined;
    }
  }
  return undefined;
}
