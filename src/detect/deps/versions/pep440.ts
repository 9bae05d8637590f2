/**
 * PEP 440 version ordering (https://packaging.python.org/en/latest/specifications/version-specifiers/),
 * for matching PyPI advisories. Order: epoch, release (trailing zeros ignored: 1.0 == 1.0.0),
 * then dev < pre (a < b < rc) < final < post; a dev release of a pre or post release sorts before
 * it; a local label ("+ubuntu1") sorts after the same public version. Accepts the normalisations
 * PEP 440 allows (case, "v" prefix, "alpha"/"c"/"pre"/"preview" spellings, "-"/"_"/"." separators,
 * implicit post "1.0-1").
 */

export interface Pep440Version {
  epoch: number;
  release: number[];
  pre?: [kind: 0 | 1 | 2, number: number];
  post?: number;
  dev?: number;
  local: (number | string)[];
}

const PATTERN =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:(?:-(\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\d+)?))?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

const PRE_KIND: Record<string, 0 | 1 | 2> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/** Longer strings are not versions; refusing them early bounds the regex's work on hostile input. */
const MAX_LENGTH = 128;

export function parsePep440(text: string): Pep440Version | undefined {
  if (text.length > MAX_LENGTH) {
    return undefined;
  }
  const match = PATTERN.exec(text.trim().toLowerCase());
  if (match === null) {
    return undefined;
  }
  const [, epoch, release = "0", preKind, preNumber, implicitPost, postWord, postNumber, devWord, devNumber, local] = match;
  const version: Pep440Version = {
    epoch: epoch === undefined ? 0 : Number(epoch),
    release: release.split(".").map(Number),
    local: local === undefined ? [] : local.split(/[-_.]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
  };
  if (preKind !== undefined) {
    version.pre = [PRE_KIND[preKind] ?? 0, preNumber === undefined ? 0 : Number(preNumber)];
  }
  if (implicitPost !== undefined) {
    version.post = Number(implicitPost);
  } else if (postWord !== undefined) {
    version.post = postNumber === undefined ? 0 : Number(postNumber);
  }
  if (devWord !== undefined) {
    version.dev = devNumber === undefined ? 0 : Number(devNumber);
  }
  return version;
}

/** Negative, zero or positive as a sorts before, equal to or after b; undefined if either is not PEP 440. */
export function comparePep440(a: string, b: string): number | undefined {
  const left = parsePep440(a);
  const right = parsePep440(b);
  if (left === undefined || right === undefined) {
    return undefined;
  }
  return Math.sign(compareParsed(left, right));
}

function compareParsed(a: Pep440Version, b: Pep440Version): number {
  if (a.epoch !== b.epoch) {
    return a.epoch - b.epoch;
  }
  const length = Math.max(a.release.length, b.release.length);
  for (let index = 0; index < length; index++) {
    const difference = (a.release[index] ?? 0) - (b.release[index] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  const pre = compareKeys(preKey(a), preKey(b));
  if (pre !== 0) {
    return pre;
  }
  const post = (a.post ?? -1) - (b.post ?? -1);
  if (post !== 0) {
    return post;
  }
  const dev = (a.dev ?? Number.POSITIVE_INFINITY) - (b.dev ?? Number.POSITIVE_INFINITY);
  if (dev !== 0 && !Number.isNaN(dev)) {
    return dev;
  }
  return compareLocal(a.local, b.local);
}

/** The pre-release sort key: a bare dev release ("1.0.dev1") sorts before any pre-release of 1.0;
 * no pre-release sorts after all of them. */
function preKey(version: Pep440Version): number[] {
  if (version.pre !== undefined) {
    return [version.pre[0], version.pre[1]];
  }
  if (version.dev !== undefined && version.post === undefined) {
    return [-1, 0];
  }
  return [3, 0];
}

function compareKeys(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

/** Local labels: segment by segment, numbers after strings, a longer label after its prefix. */
function compareLocal(a: (number | string)[], b: (number | string)[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left === undefined || right === undefined) {
      return left === undefined ? (right === undefined ? 0 : -1) : 1;
    }
    if (typeof left === "number" && typeof right === "number") {
      if (left !== right) {
        return left - right;
      }
    } else if (typeof left === "number") {
      return 1;
    } else if (typeof right === "number") {
      return -1;
    } else if (left !== right) {
      return left < right ? -1 : 1;
    }
  }
  return 0;
}
