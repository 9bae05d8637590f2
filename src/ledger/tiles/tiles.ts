/**
 * The C2SP tlog-tiles read API over the ledger (https://c2sp.org/tlog-tiles): the latest signed
 * checkpoint (with the witnesses' cosignatures the ledger holds for that size) and the Merkle tree
 * as tiles — tile `<L>/<N>` entry i is the hash of the perfect subtree of height 8·L at index
 * N·256 + i, which the store already keeps (every completed perfect subtree), so a tile is one
 * lookup of at most 256 nodes. Any C2SP client can audit the log from these: compute inclusion
 * and consistency proofs and check them against the signed checkpoint.
 *
 * Entry bundles (`tile/entries/…`) are not served: entries are webhook payloads, which are not
 * public, and may exceed the bundle format's 64 KB entries; events are read through the
 * authenticated API.
 */
import { HASH_SIZE } from "../merkle/merkle-hash.js";
import type { NodeId } from "../merkle/merkle-proof-plan.js";
import { nodeKey } from "../merkle/merkle-proof-plan.js";
import type { CustodyLedger } from "../open-ledger.js";
import { witnessedCheckpoint } from "../witness/witness-checkpoints.js";

export const TILE_WIDTH = 256;

export interface TilePath {
  level: number;
  index: number;
  /** Width of a partial tile (1..255); absent for a full tile. */
  width?: number;
}

/**
 * Parses the part of a tile URL after `tile/`: `<L>/<N>[.p/<W>]`, N in 3-digit groups with `x`
 * before all but the last (`x001/x234/067`). Undefined when it is not a canonical tile path.
 */
export function parseTilePath(path: string): TilePath | undefined {
  const match = /^(0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (match === null) {
    return undefined;
  }
  const level = Number(match[1]);
  const groups = [
    ...(match[2] ?? "")
      .split("/")
      .filter((g) => g !== "")
      .map((g) => g.slice(1)),
    match[3] ?? "",
  ];
  // Canonical: no leading zero groups (index 5 is `005`, never `x000/005`).
  if (groups.length > 1 && groups[0] === "000") {
    return undefined;
  }
  const index = Number(groups.join(""));
  const width = match[4] === undefined ? undefined : Number(match[4]);
  if (level > 63 || !Number.isSafeInteger(index) || (width !== undefined && width > 255)) {
    return undefined;
  }
  return width === undefined ? { level, index } : { level, index, width };
}

/** The tile's bytes (width × 32), or undefined when the tree does not (yet) hold it. */
export async function readTile(ledger: CustodyLedger, tile: TilePath): Promise<Buffer | undefined> {
  const size = await ledger.size();
  const span = TILE_WIDTH ** tile.level;
  // Complete subtrees of height 8·L the tree holds: floor(size / 256^L).
  const available = Math.floor(size / span);
  const width = tile.width ?? TILE_WIDTH;
  const first = tile.index * TILE_WIDTH;
  if (!Number.isSafeInteger(first) || first + width > available) {
    return undefined;
  }
  const ids: NodeId[] = Array.from({ length: width }, (_, i) => ({ level: 8 * tile.level, index: first + i }));
  const nodes = await ledger.store.nodes(ids);
  const out = Buffer.alloc(width * HASH_SIZE);
  for (const [i, id] of ids.entries()) {
    const hash = nodes.get(nodeKey(id));
    if (hash === undefined || hash.length !== HASH_SIZE) {
      return undefined;
    }
    hash.copy(out, i * HASH_SIZE);
  }
  return out;
}

/**
 * The latest signed checkpoint, with the cosignatures of each witness that cosigned that very
 * size appended (a C2SP client verifies the ones whose keys it trusts and ignores the rest).
 */
export async function servedCheckpoint(ledger: CustodyLedger, witnesses: readonly string[]): Promise<string | undefined> {
  const latest = (await ledger.store.checkpoints()).at(-1);
  if (latest === undefined) {
    return undefined;
  }
  let note = latest.note;
  for (const url of witnesses) {
    const cosigned = await witnessedCheckpoint(ledger, url);
    if (cosigned !== undefined && cosigned.treeSize === latest.treeSize && cosigned.note.startsWith(latest.note)) {
      note += cosigned.note.slice(latest.note.length);
    }
  }
  return note;
}
