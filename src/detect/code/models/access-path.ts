/**
 * The access-path syntax of taint models, a subset of CodeQL's models-as-data paths
 * (`Member[exec].Argument[0]`). A path is a dot-separated list of tokens read from the package
 * (or, for the `global` package, from the global scope):
 *   Member[a]  or Member[a,b]   a property (several names: one path each)
 *   ReturnValue / Instance      the result of calling / `new`-ing what is on the left
 *   Argument[0] / Argument[0,1] / Argument[1..]   arguments of that call (last token of a sink)
 *   Argument[0].Member[text]    a property of an object argument (`{ text: sql }`)
 * Parsing never builds a RegExp from the text and fails with a message naming the bad token.
 */
export interface ParsedPath {
  /** Callee or member paths in the engine's dotted form (`execa`, `knex().raw`). */
  targets: string[];
  /** Argument positions, when the path ends in Argument[…]: a list, or "all" for `Argument[0..]`. */
  args?: readonly number[] | "all";
  /** `Argument[n].Member[p]`: only these properties of an object argument. */
  objectProps?: readonly string[];
  /** The path ends in ReturnValue/Instance (a call result) rather than a member. */
  endsInCall: boolean;
}

export class AccessPathError extends Error {}

const NAME = /^[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*$/;

function splitTokens(path: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of path) {
    if (char === "[") {
      depth++;
    } else if (char === "]") {
      depth--;
    }
    if (char === "." && depth === 0) {
      tokens.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  tokens.push(current);
  return tokens;
}

function bracket(token: string, name: string): string | undefined {
  return token.startsWith(`${name}[`) && token.endsWith("]") ? token.slice(name.length + 1, -1) : undefined;
}

function parseArguments(inner: string, token: string): readonly number[] | "all" {
  if (/^0\.\.$/.test(inner)) {
    return "all";
  }
  const from = /^(\d+)\.\.$/.exec(inner);
  if (from) {
    // Argument[1..]: positions from N on; eight covers every real signature.
    const start = Number(from[1]);
    return Array.from({ length: 8 }, (_, index) => start + index);
  }
  const positions = inner.split(",").map((part) => part.trim());
  if (positions.some((part) => !/^\d+$/.test(part))) {
    throw new AccessPathError(`"${token}" needs argument positions like Argument[0], Argument[0,1] or Argument[1..]`);
  }
  return positions.map(Number);
}

/** Parses `path` relative to `base` (the package in dotted form, or "" for globals). */
export function parseAccessPath(base: string, path: string): ParsedPath {
  const tokens = splitTokens(path.trim());
  let targets = [base];
  let endsInCall = false;
  let args: readonly number[] | "all" | undefined;
  let objectProps: string[] | undefined;
  tokens.forEach((token, index) => {
    if (args !== undefined) {
      const props = bracket(token, "Member");
      if (props === undefined || objectProps !== undefined || index !== tokens.length - 1) {
        throw new AccessPathError(`"${token}" cannot follow Argument[…]; only one Member[…] of an object argument can`);
      }
      objectProps = props.split(",").map((name) => name.trim());
      return;
    }
    const member = bracket(token, "Member");
    if (member !== undefined) {
      const names = member.split(",").map((name) => name.trim());
      if (names.some((name) => !NAME.test(name))) {
        throw new AccessPathError(`"${token}" needs property names like Member[exec] or Member[any,one]`);
      }
      targets = targets.flatMap((target) => names.map((name) => (target === "" ? name : `${target}.${name}`)));
      endsInCall = false;
      return;
    }
    if (token === "ReturnValue" || token === "Instance") {
      if (targets.includes("")) {
        throw new AccessPathError(`"${token}" needs something to call on its left`);
      }
      targets = targets.map((target) => `${target}()`);
      endsInCall = true;
      return;
    }
    const argument = bracket(token, "Argument");
    if (argument !== undefined) {
      if (targets.includes("")) {
        throw new AccessPathError(`"${token}" needs something to call on its left`);
      }
      args = parseArguments(argument, token);
      return;
    }
    throw new AccessPathError(`"${token}" is not a path token (Member[…], ReturnValue, Instance or Argument[…])`);
  });
  if (targets.includes("")) {
    throw new AccessPathError("the path is empty");
  }
  return { targets, ...(args === undefined ? {} : { args }), ...(objectProps === undefined ? {} : { objectProps }), endsInCall };
}
