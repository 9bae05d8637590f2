/**
 * Statements, in order, over a layered environment: declarations, returns and throws (which end
 * a path), `if` with the guard facts of its test applied per branch, loops (two passes), `try`,
 * `switch`, classes and exports. Branch environments are joined where control meets again.
 */
import { NEXT_ROUTE_EXPORTS } from "../sources.js";
import type { AnyNode } from "./ast-nodes.js";
import { isFunctionNode, unwrap } from "./ast-nodes.js";
import { CallLayer } from "./calls.js";
import type { Frame } from "./engine-core.js";
import type { Env } from "../taint-value.js";
import { EMPTY, deepTaints, taintedValue } from "../taint-value.js";

/* eslint-disable @typescript-eslint/switch-exhaustiveness-check -- AST switches handle the node kinds that carry flow; the rest fall to a generic default */

/** The export name AWS Lambda and Netlify Functions call with the request event. */
const LAMBDA_EXPORT = "handler";

export abstract class StatementLayer extends CallLayer {
  // ---------------------------------------------------------------- statements

  protected execBlock(statements: readonly AnyNode[], env: Env, frame: Frame): boolean {
    // Function declarations are hoisted: calls above the declaration see them.
    for (const statement of statements) {
      const declaration =
        statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration"
          ? (statement.declaration as AnyNode | null)
          : statement;
      if (declaration?.type === "FunctionDeclaration" && declaration.id) {
        const variable = frame.fileState.file.scope.variableOf(declaration.id);
        if (variable) {
          env.set(variable, this.fnValue(declaration, env, frame));
        }
        this.markNextHandler(statement, declaration);
      }
    }
    for (const statement of statements) {
      if (this.exec(statement, env, frame)) {
        return true;
      }
    }
    return false;
  }

  protected markNextHandler(statement: AnyNode, declaration: AnyNode): void {
    if (statement.type !== "ExportNamedDeclaration") {
      return;
    }
    if (declaration.type === "FunctionDeclaration") {
      const id = declaration.id as AnyNode | null;
      if (id && NEXT_ROUTE_EXPORTS.has(id.name as string)) {
        this.nextHandlers.add(declaration);
      } else if (id && LAMBDA_EXPORT === id.name) {
        this.lambdaHandlers.add(declaration);
      }
    } else if (declaration.type === "VariableDeclaration") {
      for (const declarator of declaration.declarations as AnyNode[]) {
        const id = declarator.id as AnyNode;
        const init = declarator.init ? unwrap(declarator.init as AnyNode) : undefined;
        if (id.type === "Identifier" && NEXT_ROUTE_EXPORTS.has(id.name) && init && isFunctionNode(init)) {
          this.nextHandlers.add(init);
        } else if (id.type === "Identifier" && id.name === LAMBDA_EXPORT && init && isFunctionNode(init)) {
          this.lambdaHandlers.add(init);
        }
      }
    }
  }

  /** Executes one statement; returns true when control never continues past it. */
  protected exec(node: AnyNode, env: Env, frame: Frame): boolean {
    this.tick();
    switch (node.type) {
      case "VariableDeclaration":
        for (const declarator of node.declarations as AnyNode[]) {
          const init = declarator.init as AnyNode | null;
          const value = init ? this.evalExpr(init, env, frame) : EMPTY;
          this.bindPattern(declarator.id as AnyNode, value, env, frame, true);
        }
        return false;
      case "ExpressionStatement":
        this.evalExpr(node.expression as AnyNode, env, frame);
        return false;
      case "ReturnStatement": {
        const argument = node.argument as AnyNode | null;
        if (argument) {
          frame.returns.push(this.evalExpr(argument, env, frame));
        }
        return true;
      }
      case "ThrowStatement":
        this.evalExpr(node.argument as AnyNode, env, frame);
        return true;
      case "BreakStatement":
      case "ContinueStatement":
        return true;
      case "BlockStatement":
      case "StaticBlock":
        return this.execBlock(node.body as AnyNode[], env, frame);
      case "IfStatement":
        return this.execIf(node, env, frame);
      case "ForStatement": {
        if (node.init) {
          const init = node.init as AnyNode;
          if (init.type === "VariableDeclaration") {
            this.exec(init, env, frame);
          } else {
            this.evalExpr(init, env, frame);
          }
        }
        this.loop(env, (layer) => {
          if (node.test) {
            this.evalExpr(node.test as AnyNode, layer, frame);
          }
          this.exec(node.body as AnyNode, layer, frame);
          if (node.update) {
            this.evalExpr(node.update as AnyNode, layer, frame);
          }
        });
        return false;
      }
      case "ForInStatement":
      case "ForOfStatement": {
        const right = this.evalExpr(node.right as AnyNode, env, frame);
        // Keys of a tainted object and elements of a tainted array are tainted.
        const element = taintedValue(deepTaints(right));
        const left = node.left as AnyNode;
        const target = left.type === "VariableDeclaration" ? ((left.declarations as AnyNode[])[0]?.id as AnyNode | undefined) : left;
        this.loop(env, (layer) => {
          if (target) {
            this.bindPattern(target, element, layer, frame, true);
          }
          this.exec(node.body as AnyNode, layer, frame);
        });
        return false;
      }
      case "WhileStatement":
      case "DoWhileStatement":
        this.loop(env, (layer) => {
          this.evalExpr(node.test as AnyNode, layer, frame);
          this.exec(node.body as AnyNode, layer, frame);
        });
        return false;
      case "TryStatement": {
        const blockExits = this.exec(node.block as AnyNode, env, frame);
        const handler = node.handler as AnyNode | null;
        if (handler) {
          const handlerEnv = env.child();
          if (handler.param) {
            this.bindPattern(handler.param as AnyNode, EMPTY, handlerEnv, frame, false);
          }
          this.exec(handler.body as AnyNode, handlerEnv, frame);
          env.absorb([handlerEnv], false);
        }
        const finalizer = node.finalizer as AnyNode | null;
        const finalExits = finalizer ? this.exec(finalizer, env, frame) : false;
        return finalExits || (blockExits && !handler);
      }
      case "SwitchStatement": {
        this.evalExpr(node.discriminant as AnyNode, env, frame);
        const branches: Env[] = [];
        for (const switchCase of node.cases as AnyNode[]) {
          const caseEnv = env.child();
          if (switchCase.test) {
            this.evalExpr(switchCase.test as AnyNode, caseEnv, frame);
          }
          this.execBlock(switchCase.consequent as AnyNode[], caseEnv, frame);
          branches.push(caseEnv);
        }
        env.absorb(branches, false);
        return false;
      }
      case "LabeledStatement":
        return this.exec(node.body as AnyNode, env, frame);
      case "FunctionDeclaration":
        return false;
      case "ClassDeclaration":
        this.evalClass(node, env, frame);
        return false;
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration": {
        const declaration = node.declaration as AnyNode | null;
        if (declaration) {
          if (node.type === "ExportNamedDeclaration") {
            this.markNextHandler(node, declaration);
          }
          if (declaration.type.endsWith("Declaration")) {
            return this.exec(declaration, env, frame);
          }
          this.evalExpr(declaration, env, frame);
        }
        return false;
      }
      case "WithStatement":
        this.evalExpr(node.object as AnyNode, env, frame);
        return this.exec(node.body as AnyNode, env, frame);
      default:
        // Imports, empty statements and TypeScript declarations carry no runtime flow here.
        return false;
    }
  }

  /** Two passes over a loop body: enough for a value assigned late in one iteration to reach a use early in the next. */
  protected loop(env: Env, body: (layer: Env) => void): void {
    const layer = env.child();
    body(layer);
    body(layer);
    env.absorb([layer], false);
  }

  protected execIf(node: AnyNode, env: Env, frame: Frame): boolean {
    const test = node.test as AnyNode;
    this.evalExpr(test, env, frame);
    const facts = this.guardFacts(test, env, frame);
    const thenEnv = env.child();
    this.applyFacts(thenEnv, facts.whenTrue);
    const thenExits = this.exec(node.consequent as AnyNode, thenEnv, frame);
    const elseEnv = env.child();
    this.applyFacts(elseEnv, facts.whenFalse);
    const alternate = node.alternate as AnyNode | null;
    const elseExits = alternate ? this.exec(alternate, elseEnv, frame) : false;
    if (thenExits && elseExits) {
      return true;
    }
    env.absorb(thenExits ? [elseEnv] : elseExits ? [thenEnv] : [thenEnv, elseEnv], true);
    return false;
  }
}
