/**
 * Small helpers over oxc-parser's ESTree nodes used by every layer of the taint engine: reading
 * static property and key names, and seeing through TypeScript-only wrappers.
 */
import type { Node } from "oxc-parser";

export type AnyNode = Node & Record<string, unknown>;

export function isFunctionNode(node: AnyNode | null | undefined): boolean {
  return (
    node !== null &&
    node !== undefined &&
    (node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression")
  );
}

export function normaliseModule(specifier: string): string {
  return specifier.replace(/^node:/, "").replace(/\//g, ".");
}

export function staticPropertyName(node: AnyNode): string | undefined {
  const property = node.property as AnyNode;
  if (node.computed !== true && (property.type === "Identifier" || property.type === "PrivateIdentifier")) {
    return property.name;
  }
  if (property.type === "Literal" && (typeof property.value === "string" || typeof property.value === "number")) {
    return String(property.value);
  }
  return undefined;
}

export function keyName(node: AnyNode): string | undefined {
  if (node.computed === true) {
    const key = node.key as AnyNode;
    return key.type === "Literal" && typeof key.value === "string" ? key.value : undefined;
  }
  const key = node.key as AnyNode;
  if (key.type === "Identifier") {
    return key.name;
  }
  if (key.type === "Literal") {
    return String(key.value);
  }
  return undefined;
}

/** Unwraps TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses. */
export function unwrap(node: AnyNode): AnyNode {
  let current = node;
  while (
    current.type === "TSAsExpression" ||
    current.type === "TSNonNullExpression" ||
    current.type === "TSSatisfiesExpression" ||
    current.type === "TSTypeAssertion" ||
    current.type === "ParenthesizedExpression" ||
    current.type === "ChainExpression"
  ) {
    current = current.expression as AnyNode;
  }
  return current;
}

/** TypeScript annotations that mark a parameter as a request whatever its name (`({ body }: Request)`). */
export const REQUEST_TYPE_NAMES = new Set(["Request", "NextRequest", "FastifyRequest", "HonoRequest", "IncomingMessage", "NextApiRequest"]);

export function typeName(param: AnyNode): string | undefined {
  const annotation = (param.typeAnnotation as AnyNode | null | undefined)?.typeAnnotation as AnyNode | undefined;
  if (annotation?.type !== "TSTypeReference") {
    return undefined;
  }
  const name = annotation.typeName as AnyNode;
  if (name.type === "Identifier") {
    return name.name;
  }
  return name.type === "TSQualifiedName" ? ((name.right as AnyNode).name as string) : undefined;
}

export function moduleExportName(node: AnyNode): string {
  return node.type === "Identifier" ? node.name : String(node.value);
}
