/**
 * Scope resolution for the taint engine, delegated to eslint-scope over oxc's ESTree AST: every
 * identifier (declaration or use) maps to the one `Variable` it names, so shadowed names in
 * different functions never share taint. TypeScript-only syntax (annotations, interfaces, type
 * aliases) is not walked: types carry no runtime values.
 */
import { analyze } from "eslint-scope";
import type { Variable } from "eslint-scope";
import type { Program } from "oxc-parser";
import { visitorKeys } from "oxc-parser";

export type { Variable } from "eslint-scope";

/** Keys holding types, positions or back-links: never runtime children. */
export const NON_VALUE_KEYS = new Set([
  "typeAnnotation",
  "returnType",
  "typeParameters",
  "typeArguments",
  "superTypeArguments",
  "superTypeParameters",
  "implements",
  "parent",
  "range",
  "decorators",
]);

const TYPE_ONLY = new Set([
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSDeclareFunction",
  "TSModuleDeclaration",
  "TSEnumDeclaration",
]);

/**
 * Node types standard ESTree does not know (TypeScript, JSX, a few newer ones) are walked by
 * the fallback below. We deliberately pass no `childVisitorKeys` table: eslint-scope copies it
 * into every pattern visitor it creates, which cost more than the rest of the analysis.
 */
function childrenOf(node: { type: string }): string[] {
  if (TYPE_ONLY.has(node.type)) {
    return [];
  }
  const keys = visitorKeys[node.type];
  return keys === undefined ? Object.keys(node).filter((key) => !NON_VALUE_KEYS.has(key)) : keys.filter((key) => !NON_VALUE_KEYS.has(key));
}

export interface ScopeMap {
  /** Identifier node → the variable it declares or references. */
  variableOf(identifier: object): Variable | undefined;
  /** Every function node of the file, in source order (from eslint-scope's function scopes: no second walk). */
  functions: readonly object[];
}

const FUNCTION_NODES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

export function buildScopeMap(program: Program, sourceType: "module" | "script" | "commonjs"): ScopeMap {
  const manager = analyze(program, {
    ecmaVersion: 2024,
    // A direct eval would make eslint-scope give up resolving the whole function; eval is a sink here, not a scope.
    ignoreEval: true,
    // CommonJS files get a function scope around the module, as Node runs them.
    sourceType,
    nodejsScope: sourceType === "commonjs",
    fallback: childrenOf,
  });
  const map = new Map<object, Variable>();
  const functions: object[] = [];
  for (const scope of manager.scopes) {
    // CommonJS files also get a "function" scope whose block is the Program: not a function.
    if (scope.type === "function" && FUNCTION_NODES.has(scope.block.type)) {
      functions.push(scope.block);
    }
    for (const variable of scope.variables) {
      for (const identifier of variable.identifiers) {
        map.set(identifier, variable);
      }
    }
    for (const reference of scope.references) {
      if (reference.resolved !== null) {
        map.set(reference.identifier, reference.resolved);
      }
    }
  }
  return { variableOf: (identifier) => map.get(identifier), functions };
}
