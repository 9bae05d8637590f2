/**
 * The part of eslint-scope 8's API the code detector uses (the package ships no types; 9.x
 * does, but needs a newer ESLint than the one installed).
 */
declare module "eslint-scope" {
  export interface ScopeNode {
    type: string;
  }
  export interface Definition {
    type: "CatchClause" | "ClassName" | "FunctionName" | "ImplicitGlobalVariable" | "ImportBinding" | "Parameter" | "TDZ" | "Variable";
    name: ScopeNode;
    node: ScopeNode;
    parent: ScopeNode | null;
  }
  export interface Variable {
    name: string;
    identifiers: ScopeNode[];
    references: Reference[];
    defs: Definition[];
  }
  export interface Reference {
    identifier: ScopeNode;
    resolved: Variable | null;
  }
  export interface Scope {
    type: string;
    block: ScopeNode;
    variables: Variable[];
    references: Reference[];
    through: Reference[];
    childScopes: Scope[];
  }
  export interface ScopeManager {
    scopes: Scope[];
    globalScope: Scope | null;
  }
  export interface AnalyzeOptions {
    ecmaVersion?: number;
    sourceType?: "script" | "module" | "commonjs";
    childVisitorKeys?: Record<string, readonly string[]>;
    fallback?: "iteration" | ((node: ScopeNode) => string[]);
    ignoreEval?: boolean;
    nodejsScope?: boolean;
    impliedStrict?: boolean;
  }
  export function analyze(ast: ScopeNode, options?: AnalyzeOptions): ScopeManager;
}
