/**
 * Aho–Corasick over the rules' keywords, so the prefilter costs one pass over the text whatever
 * the number of rules. Keywords are lower-case ASCII; the scan folds A–Z to a–z on the fly and
 * maps every other character outside the keywords' alphabet to one "other" class, so the
 * automaton is a dense table (states × classes) and the hot loop is a few array reads per char.
 * The same pass records line starts for the hits, notices NUL bytes (binary input) and keeps
 * hit volume bounded: a keyword seen again on the same line within HIT_SPACING chars of its last
 * recorded hit is not recorded again (the window around the first one already covers it).
 */

/** Hits of one keyword closer than this on one line collapse into one (see windows in scan-text). */
export const HIT_SPACING = 512;

export interface KeywordHits {
  /** For each recorded hit: keyword index, hit offset, 0-based line index, line start offset. */
  keyword: number[];
  offset: number[];
  line: number[];
  lineStart: number[];
  /** End offset (exclusive, before the newline) of each hit's line. */
  lineEnd: number[];
  /** The text contains a NUL character: treat it as binary. */
  binary: boolean;
}

export class KeywordAutomaton {
  readonly keywords: readonly string[];
  /** Character class of every UTF-16 code unit: 0 = not in any keyword, 1 = newline. */
  private readonly classOf = new Uint8Array(65_536);
  private readonly classes: number;
  /** Dense transitions; entries are already multiplied by `classes` (row offsets), so the hot
   * loop does one add and one load per character. */
  private readonly delta: Int32Array;
  /** Per row offset: 1 + the index into `outputs` when some keyword ends in that state, else 0. */
  private readonly terminal: Int32Array;
  /** Keyword index lists of the terminal states (own and via suffix links). Packed, so the hot
   * loop's one lookup per hit stays on V8's fast path. */
  private readonly outputs: number[][];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    const NEWLINE_CLASS = 1;
    this.classOf[10] = NEWLINE_CLASS;
    let nextClass = 2;
    for (const keyword of keywords) {
      if (keyword.length === 0 || keyword !== keyword.toLowerCase()) {
        throw new Error(`keyword must be non-empty lower case: ${JSON.stringify(keyword)}`);
      }
      for (let i = 0; i < keyword.length; i++) {
        const code = keyword.charCodeAt(i);
        if (code >= 128 || code === 10) {
          throw new Error(`keyword must be ASCII without newlines: ${JSON.stringify(keyword)}`);
        }
        if (this.classOf[code] === 0) {
          this.classOf[code] = nextClass++;
        }
      }
    }
    // Fold upper case onto lower case classes.
    for (let code = 65; code <= 90; code++) {
      this.classOf[code] = this.classOf[code + 32] ?? 0;
    }
    this.classes = nextClass;

    // Trie.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const own: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const cls = this.classOf[keyword.charCodeAt(i)] ?? 0;
        const node = children[state] ?? new Map<number, number>();
        let next = node.get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          own.push([]);
          node.set(cls, next);
        }
        state = next;
      }
      own[state]?.push(index);
    });

    // BFS: failure links turned straight into a dense transition table (in state numbers first).
    const stateCount = children.length;
    const delta = new Int32Array(stateCount * this.classes);
    const outputsByState = new Array<number[] | undefined>(stateCount).fill(undefined);
    const fail = new Int32Array(stateCount);
    const queue: number[] = [];
    for (let cls = 0; cls < this.classes; cls++) {
      const next = children[0]?.get(cls);
      if (next !== undefined && next !== 0) {
        delta[cls] = next;
        fail[next] = 0;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      const found = [...(own[state] ?? []), ...(outputsByState[fail[state] ?? 0] ?? [])];
      outputsByState[state] = found.length > 0 ? found : undefined;
      for (let cls = 0; cls < this.classes; cls++) {
        const next = children[state]?.get(cls);
        const viaFail = delta[(fail[state] ?? 0) * this.classes + cls] ?? 0;
        if (next === undefined) {
          delta[state * this.classes + cls] = viaFail;
        } else {
          delta[state * this.classes + cls] = next;
          fail[next] = viaFail;
          queue.push(next);
        }
      }
    }
    this.terminal = new Int32Array(stateCount * this.classes);
    this.outputs = [];
    for (let i = 0; i < delta.length; i++) {
      delta[i] = (delta[i] ?? 0) * this.classes;
    }
    for (let state = 0; state < stateCount; state++) {
      const found = outputsByState[state];
      if (found !== undefined) {
        this.outputs.push(found);
        this.terminal[state * this.classes] = this.outputs.length;
      }
    }
    this.delta = delta;
  }

  /** One pass over `text`: every keyword occurrence (bounded as described above), with lines. */
  scan(text: string): KeywordHits {
    const hits: KeywordHits = { keyword: [], offset: [], line: [], lineStart: [], lineEnd: [], binary: false };
    if (text.includes("\u0000")) {
      hits.binary = true;
      return hits;
    }
    const { classOf, delta, terminal, outputs } = this;
    const lastLine = new Int32Array(this.keywords.length).fill(-1);
    const lastOffset = new Int32Array(this.keywords.length);
    let row = 0;
    let line = 0;
    let lineStart = 0;
    let pendingFrom = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const cls = classOf[text.charCodeAt(i)] as number;
      if (cls === 1) {
        const open = hits.offset.length;
        for (let h = pendingFrom; h < open; h++) {
          hits.lineEnd.push(i);
        }
        pendingFrom = open;
        line++;
        lineStart = i + 1;
        row = 0;
        continue;
      }
      row = delta[row + cls] as number;
      const terminalIndex = terminal[row] as number;
      if (terminalIndex !== 0) {
        for (const keyword of outputs[terminalIndex - 1] as number[]) {
          if (lastLine[keyword] === line && i - (lastOffset[keyword] ?? 0) < HIT_SPACING) {
            continue;
          }
          lastLine[keyword] = line;
          lastOffset[keyword] = i;
          hits.keyword.push(keyword);
          hits.offset.push(i);
          hits.line.push(line);
          hits.lineStart.push(lineStart);
        }
      }
    }
    for (let h = pendingFrom; h < hits.offset.length; h++) {
      hits.lineEnd.push(length);
    }
    return hits;
  }
}
