/**
 * Git paths are bytes. Most are UTF-8; some (old Windows or Latin-1 checkouts) are not. We decode
 * strictly and, when that fails, keep a lossy rendering and say so, so a policy glob never
 * silently matches or misses a path whose name we had to guess.
 */
const strict = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8", { fatal: false });

export interface DecodedPath {
  path: string;
  notUtf8: boolean;
}

export function decodePath(bytes: Buffer): DecodedPath {
  try {
    return { path: strict.decode(bytes), notUtf8: false };
  } catch {
    return { path: lossy.decode(bytes), notUtf8: true };
  }
}
