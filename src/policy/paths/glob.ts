/**
 * Globs as the policy (and CODEOWNERS) writes them, matched in time linear in the path: a glob
 * is compiled once into a small Thompson NFA (one state per glob character, braces as
 * alternation rather than expansion) and a path is matched by simulating the NFA's state set,
 * one pass over the path's characters, never backtracking. A glob can therefore never hang a
 * check, whatever its shape and however long the path (an agent chooses both the path names of
 * its change and, through a pull request, possibly a policy edit). Custody never turns policy
 * text into a RegExp.
 *
 * Syntax (picomatch's, dotfiles included): `*` any run within a segment, `?` one character but
 * `/`, `[abc]`, `[a-z]`, `[!a]`/`[^a]`, `{a,b}` (nestable), `\x` a literal `x`, and `**` as a
 * whole segment for any number of segments (`**\/x` matches `x`, `x/**` matches `x` and below).
 * What cannot be matched in bounded time, or means something else elsewhere, is refused when the
 * policy is parsed, at the key's line and column: extglobs and groups (`+(a)`, `!(a)`, `(a|b)`),
 * a leading `!` (negation: use the `ignore` and `deny` lists), POSIX classes, and a glob over
 * MAX_GLOB_LENGTH characters.
 */
import { z } from "zod";

/** Longest glob accepted: bounds the NFA, so a match costs at most path length × this. */
export const MAX_GLOB_LENGTH = 256;

type Predicate =
  | { kind: "char"; code: number }
  | { kind: "segment-char" }
  | { kind: "any" }
  | { kind: "class"; negate: boolean; ranges: [number, number][] };

interface Edge {
  predicate: Predicate;
  to: number;
}

interface State {
  epsilon: number[];
  edges: Edge[];
}

interface Fragment {
  start: number;
  end: number;
}

class GlobSyntaxError extends Error {}

const SLASH = 0x2f;

class Compiler {
  readonly states: State[] = [];
  private index = 0;

  constructor(private readonly glob: string) {}

  compile(): { states: State[]; start: number; accept: number } {
    const fragment = this.sequence(false);
    if (this.index < this.glob.length) {
      throw new GlobSyntaxError(`unexpected "${this.glob[this.index] ?? ""}" at character ${String(this.index + 1)}`);
    }
    return { states: this.states, start: fragment.start, accept: fragment.end };
  }

  private state(): number {
    this.states.push({ epsilon: [], edges: [] });
    return this.states.length - 1;
  }

  private at(index: number): State {
    const state = this.states[index];
    if (state === undefined) {
      throw new Error(`glob NFA state ${String(index)} does not exist`);
    }
    return state;
  }

  private single(predicate: Predicate): Fragment {
    const start = this.state();
    const end = this.state();
    this.at(start).edges.push({ predicate, to: end });
    return { start, end };
  }

  /** Zero or more characters matching `predicate`. */
  private loop(predicate: Predicate): Fragment {
    const start = this.state();
    const end = this.state();
    this.at(start).edges.push({ predicate, to: start });
    this.at(start).epsilon.push(end);
    return { start, end };
  }

  /** `**\/`: nothing, or any string that ends with `/` (whole segments). */
  private segmentsThenSlash(): Fragment {
    const start = this.state();
    const inside = this.state();
    const end = this.state();
    this.at(start).epsilon.push(end, inside);
    this.at(inside).edges.push({ predicate: { kind: "any" }, to: inside }, { predicate: { kind: "char", code: SLASH }, to: end });
    return { start, end };
  }

  /** `/**` at the end: nothing, or `/` and anything below. */
  private slashThenAnything(): Fragment {
    const start = this.state();
    const inside = this.state();
    const end = this.state();
    this.at(start).epsilon.push(end);
    this.at(start).edges.push({ predicate: { kind: "char", code: SLASH }, to: inside });
    this.at(inside).edges.push({ predicate: { kind: "any" }, to: inside });
    this.at(inside).epsilon.push(end);
    return { start, end };
  }

  private concat(parts: Fragment[]): Fragment {
    if (parts.length === 0) {
      const only = this.state();
      return { start: only, end: only };
    }
    for (let i = 0; i + 1 < parts.length; i++) {
      this.at((parts[i] as Fragment).end).epsilon.push((parts[i + 1] as Fragment).start);
    }
    return { start: (parts[0] as Fragment).start, end: (parts.at(-1) as Fragment).end };
  }

  /** Whether position `index` ends an alternative or the glob (so `**` there ends a segment). */
  private endsPart(index: number, inBraces: boolean): boolean {
    const next = this.glob[index];
    return next === undefined || (inBraces && (next === "," || next === "}"));
  }

  /** Whether position `index` starts a segment: the glob's start, after `/`, or an alternative's start. */
  private startsSegment(index: number): boolean {
    const previous = this.glob[index - 1];
    return previous === undefined || previous === "/" || previous === "{" || previous === ",";
  }

  private sequence(inBraces: boolean): Fragment {
    const parts: Fragment[] = [];
    while (this.index < this.glob.length) {
      const char = this.glob[this.index] ?? "";
      if (inBraces && (char === "," || char === "}")) {
        break;
      }
      if (char === "*" && this.glob[this.index + 1] === "*" && this.startsSegment(this.index)) {
        const after = this.index + 2;
        if (this.glob[after] === "/") {
          parts.push(this.segmentsThenSlash());
          this.index = after + 1;
          continue;
        }
        if (this.endsPart(after, inBraces)) {
          parts.push(this.loop({ kind: "any" }));
          this.index = after;
          continue;
        }
      }
      if (
        char === "/" &&
        this.glob[this.index + 1] === "*" &&
        this.glob[this.index + 2] === "*" &&
        this.endsPart(this.index + 3, inBraces)
      ) {
        parts.push(this.slashThenAnything());
        this.index += 3;
        continue;
      }
      this.index += 1;
      switch (char) {
        case "*":
          // A run of stars inside a segment is one star.
          while (this.glob[this.index] === "*") {
            this.index += 1;
          }
          parts.push(this.loop({ kind: "segment-char" }));
          break;
        case "?":
          parts.push(this.single({ kind: "segment-char" }));
          break;
        case "[":
          parts.push(this.single(this.characterClass()));
          break;
        case "{":
          parts.push(this.braces());
          break;
        case "\\": {
          const escaped = this.glob.codePointAt(this.index);
          if (escaped === undefined) {
            throw new GlobSyntaxError("a trailing backslash escapes nothing");
          }
          parts.push(...this.literal(String.fromCodePoint(escaped)));
          this.index += String.fromCodePoint(escaped).length;
          break;
        }
        case "(":
        case ")":
        case "|":
          throw new GlobSyntaxError(
            "groups and extglobs such as `+(a)`, `!(a)` or `(a|b)` are not supported: they cannot be matched in bounded time; list the alternatives with `{a,b}`",
          );
        case "]":
          throw new GlobSyntaxError(`"]" without an opening "[" (write "\\]" for the character)`);
        case "}":
          throw new GlobSyntaxError(`"}" without an opening "{" (write "\\}" for the character)`);
        default: {
          const code = this.glob.codePointAt(this.index - 1) ?? 0;
          const text = String.fromCodePoint(code);
          parts.push(...this.literal(text));
          this.index += text.length - 1;
        }
      }
    }
    return this.concat(parts);
  }

  /** One fragment per UTF-16 unit: paths are matched unit by unit. */
  private literal(text: string): Fragment[] {
    return [...Array(text.length).keys()].map((offset) => this.single({ kind: "char", code: text.charCodeAt(offset) }));
  }

  private braces(): Fragment {
    const alternatives: Fragment[] = [];
    for (;;) {
      alternatives.push(this.sequence(true));
      const char = this.glob[this.index];
      if (char === undefined) {
        throw new GlobSyntaxError('Missing closing "}"');
      }
      this.index += 1;
      if (char === "}") {
        break;
      }
    }
    const start = this.state();
    const end = this.state();
    for (const alternative of alternatives) {
      this.at(start).epsilon.push(alternative.start);
      this.at(alternative.end).epsilon.push(end);
    }
    return { start, end };
  }

  private characterClass(): Predicate {
    let negate = false;
    if (this.glob[this.index] === "!" || this.glob[this.index] === "^") {
      negate = true;
      this.index += 1;
    }
    const ranges: [number, number][] = [];
    let first = true;
    for (;;) {
      const char = this.glob[this.index];
      if (char === undefined) {
        throw new GlobSyntaxError('Missing closing "]"');
      }
      if (char === "]" && !first) {
        this.index += 1;
        break;
      }
      if (char === "[" && this.glob[this.index + 1] === ":") {
        throw new GlobSyntaxError("POSIX classes such as [[:alpha:]] are not supported; list the characters");
      }
      first = false;
      const low = this.classChar();
      if (this.glob[this.index] === "-" && this.glob[this.index + 1] !== undefined && this.glob[this.index + 1] !== "]") {
        this.index += 1;
        const high = this.classChar();
        if (high < low) {
          throw new GlobSyntaxError(`Range out of order in character class "${String.fromCharCode(low)}-${String.fromCharCode(high)}"`);
        }
        ranges.push([low, high]);
      } else {
        ranges.push([low, low]);
      }
    }
    return { kind: "class", negate, ranges };
  }

  private classChar(): number {
    if (this.glob[this.index] === "\\" && this.index + 1 < this.glob.length) {
      this.index += 1;
    }
    const code = this.glob.charCodeAt(this.index);
    this.index += 1;
    return code;
  }
}

function matches(predicate: Predicate, code: number): boolean {
  switch (predicate.kind) {
    case "char":
      return predicate.code === code;
    case "any":
      return true;
    case "segment-char":
      return code !== SLASH;
    case "class": {
      if (code === SLASH) {
        return false;
      }
      const inside = predicate.ranges.some(([low, high]) => code >= low && code <= high);
      return inside !== predicate.negate;
    }
  }
}

/** A compiled glob: `test(path)` in one pass over the path, never backtracking. */
export interface CompiledGlob {
  glob: string;
  test: (path: string) => boolean;
}

/** Cached DFA states per glob: past it the cache is dropped (memory stays bounded; time stays linear). */
const MAX_DFA_STATES = 256;

/**
 * Compiles a glob; throws an Error with the user's message when it is unusable.
 *
 * Matching is the NFA's subset simulation, memoised as a lazily built DFA: each distinct set of
 * NFA states the path leads to is computed once (a bitset, from epsilon closures precomputed
 * here), then every further character in that set is one array lookup. The work per character is
 * bounded by the glob's size whatever the path, and for real globs the DFA has a handful of states.
 */
export function compileGlob(glob: string): CompiledGlob {
  const problem = globProblem(glob, { relative: false });
  if (problem !== undefined) {
    throw new Error(problem);
  }
  const { states, start, accept } = new Compiler(glob).compile();

  // Only states with outgoing character edges, and the accepting state, carry meaning in a set.
  const important: number[] = [];
  const importantIndex = new Int32Array(states.length).fill(-1);
  states.forEach((state, index) => {
    if (state.edges.length > 0 || index === accept) {
      importantIndex[index] = important.length;
      important.push(index);
    }
  });
  const words = Math.max(1, Math.ceil(important.length / 32));
  const closure = (from: number): Uint32Array => {
    const bits = new Uint32Array(words);
    const seen = new Uint8Array(states.length);
    const stack = [from];
    while (stack.length > 0) {
      const top = stack.pop() as number;
      if (seen[top] === 1) {
        continue;
      }
      seen[top] = 1;
      const slot = importantIndex[top] ?? -1;
      if (slot >= 0) {
        bits[slot >>> 5] = (bits[slot >>> 5] ?? 0) | (1 << (slot & 31));
      }
      stack.push(...(states[top] as State).epsilon);
    }
    return bits;
  };
  const edgesOf = important.map((index) =>
    (states[index] as State).edges.map((edge) => ({ predicate: edge.predicate, target: closure(edge.to) })),
  );
  const acceptSlot = importantIndex[accept] ?? 0;

  // Characters are grouped into classes that every predicate of the glob treats alike.
  const predicates = edgesOf.flatMap((edges) => edges.map((edge) => edge.predicate));
  const classOfSignature = new Map<string, number>();
  const representative: number[] = [];
  const asciiClass = new Int32Array(128).fill(-1);
  const otherClass = new Map<number, number>();
  const classOf = (code: number): number => {
    const cached = code < 128 ? (asciiClass[code] ?? -1) : (otherClass.get(code) ?? -1);
    if (cached >= 0) {
      return cached;
    }
    const signature = predicates.map((predicate) => (matches(predicate, code) ? "1" : "0")).join("");
    let id = classOfSignature.get(signature);
    if (id === undefined) {
      id = representative.length;
      representative.push(code);
      classOfSignature.set(signature, id);
    }
    if (code < 128) {
      asciiClass[code] = id;
    } else if (otherClass.size < 4096) {
      otherClass.set(code, id);
    }
    return id;
  };

  let sets: Uint32Array[] = [];
  let transitions: (number | undefined)[][] = [];
  let deadSet: boolean[] = [];
  let ids = new Map<string, number>();
  const intern = (bits: Uint32Array): number => {
    const key = bits.join(",");
    let id = ids.get(key);
    if (id === undefined) {
      id = sets.length;
      sets.push(bits);
      transitions.push([]);
      deadSet.push(bits.every((word) => word === 0));
      ids.set(key, id);
    }
    return id;
  };
  const startBits = closure(start);
  const reset = (): void => {
    sets = [];
    transitions = [];
    deadSet = [];
    ids = new Map();
    intern(startBits);
  };
  reset();
  // Per character class, what each state leads to on it (the union of its matching edges'
  // closures), built when the class is first seen: a step is then popcount × words operations.
  const targetsByClass: (Uint32Array | null)[][] = [];
  const targetsFor = (characterClass: number): (Uint32Array | null)[] => {
    let table = targetsByClass[characterClass];
    if (table === undefined) {
      const code = representative[characterClass] ?? 0;
      table = edgesOf.map((edges) => {
        const matching = edges.filter((edge) => matches(edge.predicate, code));
        if (matching.length === 0) {
          return null;
        }
        const union = new Uint32Array(words);
        for (const edge of matching) {
          for (let word = 0; word < words; word++) {
            union[word] = (union[word] ?? 0) | (edge.target[word] ?? 0);
          }
        }
        return union;
      });
      targetsByClass[characterClass] = table;
    }
    return table;
  };
  /** One step of the subset simulation: the states `current` leads to on a character of the class. */
  const advance = (current: Uint32Array, characterClass: number, next: Uint32Array): boolean => {
    const table = targetsFor(characterClass);
    next.fill(0);
    let any = false;
    for (let word = 0; word < words; word++) {
      let bits = current[word] ?? 0;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const target = table[word * 32 + (31 - Math.clz32(low))];
        if (target) {
          any = true;
          for (let index = 0; index < words; index++) {
            next[index] = (next[index] ?? 0) | (target[index] ?? 0);
          }
        }
      }
    }
    return any;
  };
  const step = (from: number, characterClass: number): number => {
    const row = transitions[from] as (number | undefined)[];
    const known = row[characterClass];
    if (known !== undefined) {
      return known;
    }
    const next = new Uint32Array(words);
    advance(sets[from] as Uint32Array, characterClass, next);
    const id = intern(next);
    row[characterClass] = id;
    return id;
  };
  const accepts = (bits: Uint32Array): boolean => ((bits[acceptSlot >>> 5] ?? 0) & (1 << (acceptSlot & 31))) !== 0;

  /**
   * The DFA's exponential case (a glob like `*a` + forty `?` over random text: nearly every
   * character reaches a new set): caching would only allocate, so the rest of the path is
   * simulated directly on two reused bitsets — still one bounded step per character.
   */
  const simulate = (path: string, from: number, offset: number): boolean => {
    let current = Uint32Array.from(sets[from] as Uint32Array);
    let next = new Uint32Array(words);
    for (let index = offset; index < path.length; index++) {
      const alive = advance(current, classOf(path.charCodeAt(index)), next);
      [current, next] = [next, current];
      if (!alive) {
        return false;
      }
    }
    return accepts(current);
  };

  const test = (path: string): boolean => {
    // No file has an empty path (picomatch agrees: "" never matches).
    if (path === "") {
      return false;
    }
    let state = 0;
    for (let offset = 0; offset < path.length; offset++) {
      const code = path.charCodeAt(offset);
      const characterClass = code < 128 ? (asciiClass[code] ?? -1) : -1;
      const cls = characterClass >= 0 ? characterClass : classOf(code);
      const cached = (transitions[state] as (number | undefined)[])[cls];
      if (cached === undefined && sets.length >= MAX_DFA_STATES) {
        const result = simulate(path, state, offset);
        reset();
        return result;
      }
      state = cached ?? step(state, cls);
      if (deadSet[state] === true) {
        return false;
      }
    }
    return accepts(sets[state] as Uint32Array);
  };
  return { glob, test };
}

/**
 * Why a glob is unusable, or `undefined` when it is fine. `relative` (the default, for policy
 * globs) also refuses a leading `/` or `./`: policy paths are relative to the repository root.
 */
export function globProblem(glob: string, options: { relative?: boolean } = {}): string | undefined {
  if (glob.trim() === "") {
    return "an empty glob matches nothing";
  }
  if (options.relative !== false && (glob.startsWith("/") || glob.startsWith("./"))) {
    return `paths are relative to the repository root without a leading "${glob.startsWith("/") ? "/" : "./"}"`;
  }
  if (glob.length > MAX_GLOB_LENGTH) {
    return `it is ${String(glob.length)} characters long; a glob may be at most ${String(MAX_GLOB_LENGTH)} so that matching stays fast`;
  }
  if (glob.startsWith("!")) {
    return "a leading `!` (negation) is not supported here: use the section's `ignore` or `deny_changed_files` list";
  }
  try {
    new Compiler(glob).compile();
    return undefined;
  } catch (error) {
    if (error instanceof GlobSyntaxError) {
      return `not a valid glob (${error.message})`;
    }
    throw error;
  }
}

export const globSchema = z
  .string()
  .superRefine((glob, context) => {
    const problem = globProblem(glob);
    if (problem !== undefined) {
      context.addIssue({ code: "custom", message: `bad glob "${glob}": ${problem}` });
    }
  })
  .meta({ description: "A glob relative to the repository root (`*`, `?`, `[a-z]`, `{a,b}`, `**`; dotfiles included; no extglobs)." });

/** Returns the first glob that matches a path, or `undefined`. */
export type GlobMatcher = (path: string) => string | undefined;

export function globMatcher(globs: readonly string[]): GlobMatcher {
  const compiled = globs.map(compileGlob);
  return (path) => compiled.find((entry) => entry.test(path))?.glob;
}
