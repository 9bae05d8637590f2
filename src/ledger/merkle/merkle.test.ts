import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyRoot, hashChildren, hashLeaf, hashesEqual } from "./merkle-hash.js";
import { MerkleFrontier, rootOfLeafHashes } from "./merkle-frontier.js";
import { consistencyPlan, inclusionPlan, nodeKey, nodesForPlan, proofFromPlan } from "./merkle-proof-plan.js";
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./merkle-verify.js";
import { LEDGER_VECTORS_DIR } from "../../../test/support/ledger-vectors.js";

const hex = (s: string): Buffer => Buffer.from(s, "hex");
const b64 = (s: string): Buffer => Buffer.from(s, "base64");

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith(".json") ? [path] : [];
  });
}

/** Builds every stored node of a tree the way the appender does, to generate proofs from. */
function storedNodes(leafHashes: Buffer[]): Map<string, Buffer> {
  const frontier = MerkleFrontier.empty();
  const nodes = new Map<string, Buffer>();
  for (const h of leafHashes) {
    for (const node of frontier.append(h)) {
      nodes.set(nodeKey(node), node.hash);
    }
  }
  return nodes;
}

function inclusionProof(leafHashes: Buffer[], index: number, size: number): Buffer[] {
  const plan = inclusionPlan(index, size);
  const all = storedNodes(leafHashes.slice(0, size));
  const needed = new Map(nodesForPlan(plan).map((n) => [nodeKey(n), all.get(nodeKey(n))!]));
  return proofFromPlan(plan, needed);
}

function consistencyProof(leafHashes: Buffer[], size1: number, size2: number): Buffer[] {
  const plan = consistencyPlan(size1, size2);
  return proofFromPlan(plan, storedNodes(leafHashes.slice(0, size2)));
}

const classicPath = join(LEDGER_VECTORS_DIR, "rfc6962-classic.json");
const tdDir = join(LEDGER_VECTORS_DIR, "transparency-dev-merkle", "testdata");

describe.skipIf(!existsSync(classicPath))("RFC 6962 classic vectors (transparency-dev/merkle proofgen)", () => {
  interface ClassicFile {
    hasher_vectors: { kind: string; data?: string; left?: string; right?: string; want: string }[];
    leaves: string[];
    roots_by_size: Record<string, string>;
    inclusion_proofs: { leaf_index: number; tree_size: number; proof: string[] }[];
    consistency_proofs: { size1: number; size2: number; proof: string[] }[];
  }
  // A skipped describe body still runs (to collect its tests): read the file only when it exists,
  // so a lone clone without ../shared skips instead of failing with ENOENT.
  const classic: ClassicFile = existsSync(classicPath)
    ? (JSON.parse(readFileSync(classicPath, "utf8")) as ClassicFile)
    : { hasher_vectors: [], leaves: [], roots_by_size: {}, inclusion_proofs: [], consistency_proofs: [] };
  const leafHashes = classic.leaves.map((l) => hashLeaf(hex(l)));

  it.each(classic.hasher_vectors)("hasher: $desc", (v) => {
    const got =
      v.kind === "empty_root"
        ? emptyRoot()
        : v.kind === "leaf"
          ? hashLeaf(hex(v.data ?? ""))
          : hashChildren(hex(v.left ?? ""), hex(v.right ?? ""));
    expect(got.toString("hex")).toBe(v.want);
  });

  it.each(Object.entries(classic.roots_by_size))("root of the first %s leaves", (size, root) => {
    expect(rootOfLeafHashes(leafHashes.slice(0, Number(size))).toString("hex")).toBe(root);
  });

  it.each(classic.inclusion_proofs)(
    "inclusion proof of leaf $leaf_index in size $tree_size: generated equals published, and verifies",
    (v) => {
      expect(inclusionProof(leafHashes, v.leaf_index, v.tree_size).map((h) => h.toString("hex"))).toEqual(v.proof);
      const root = hex(classic.roots_by_size[String(v.tree_size)]!);
      const leafHash = leafHashes[v.leaf_index]!;
      expect(verifyInclusion({ leafIndex: v.leaf_index, treeSize: v.tree_size, leafHash, proof: v.proof.map(hex), root })).toBe(true);
      // The same proof for the neighbouring leaf must fail.
      expect(
        verifyInclusion({
          leafIndex: v.leaf_index,
          treeSize: v.tree_size,
          leafHash: leafHashes[(v.leaf_index + 1) % 8]!,
          proof: v.proof.map(hex),
          root,
        }),
      ).toBe(false);
    },
  );

  it.each(classic.consistency_proofs)("consistency proof $size1 → $size2: generated equals published, and verifies", (v) => {
    expect(consistencyProof(leafHashes, v.size1, v.size2).map((h) => h.toString("hex"))).toEqual(v.proof);
    const root1 = hex(classic.roots_by_size[String(v.size1)]!);
    const root2 = hex(classic.roots_by_size[String(v.size2)]!);
    expect(verifyConsistency({ size1: v.size1, size2: v.size2, root1, root2, proof: v.proof.map(hex) })).toBe(true);
    // Swapped roots must fail, except where both are the same tree.
    expect(verifyConsistency({ size1: v.size1, size2: v.size2, root1: root2, root2: root1, proof: v.proof.map(hex) })).toBe(
      v.size1 === v.size2,
    );
  });
});

describe.skipIf(!existsSync(tdDir))("transparency-dev/merkle golden proofs, every file as published", () => {
  interface InclusionProbe {
    leafIdx: number;
    treeSize: number;
    root: string;
    leafHash: string;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  interface ConsistencyProbe {
    size1: number;
    size2: number;
    root1: string;
    root2: string;
    proof: string[] | null;
    desc: string;
    wantErr: boolean;
  }
  const inclusion = existsSync(tdDir) ? jsonFiles(join(tdDir, "inclusion")) : [];
  const consistency = existsSync(tdDir) ? jsonFiles(join(tdDir, "consistency")) : [];

  it("finds the vector files", () => {
    expect(inclusion.length).toBeGreaterThan(90);
    expect(consistency.length).toBeGreaterThan(90);
  });

  it.each(inclusion.map((f) => [relative(tdDir, f), f]))("inclusion %s", (_name, file) => {
    const v = JSON.parse(readFileSync(file, "utf8")) as InclusionProbe;
    const ok = verifyInclusion({
      leafIndex: v.leafIdx,
      treeSize: v.treeSize,
      leafHash: b64(v.leafHash),
      proof: (v.proof ?? []).map(b64),
      root: b64(v.root),
    });
    expect(ok).toBe(!v.wantErr);
  });

  it.each(consistency.map((f) => [relative(tdDir, f), f]))("consistency %s", (_name, file) => {
    const v = JSON.parse(readFileSync(file, "utf8")) as ConsistencyProbe;
    const ok = verifyConsistency({
      size1: v.size1,
      size2: v.size2,
      root1: b64(v.root1),
      root2: b64(v.root2),
      proof: (v.proof ?? []).map(b64),
    });
    expect(ok).toBe(!v.wantErr);
  });
});

const rekorPath = join(LEDGER_VECTORS_DIR, "sigstore-rekor.json");
describe.skipIf(!existsSync(rekorPath))("sigstore Rekor production inclusion proof", () => {
  it("verifies the real proof for leaf 21428034 of 21476367, and rejects it for the next leaf", () => {
    const { rekor_inclusion: v } = JSON.parse(readFileSync(rekorPath, "utf8")) as {
      rekor_inclusion: { canonicalized_body_b64: string; leaf_index: string; tree_size: string; root_hash: string; proof: string[] };
    };
    const input = {
      leafIndex: Number(v.leaf_index),
      treeSize: Number(v.tree_size),
      leafHash: hashLeaf(b64(v.canonicalized_body_b64)),
      proof: v.proof.map(hex),
      root: hex(v.root_hash),
    };
    expect(verifyInclusion(input)).toBe(true);
    expect(verifyInclusion({ ...input, leafIndex: input.leafIndex + 1 })).toBe(false);
  });
});

describe("generated proofs for every index and size up to 40", () => {
  const leaves = Array.from({ length: 40 }, (_, i) => hashLeaf(Buffer.from(`event ${i}`)));
  const roots = Array.from({ length: 41 }, (_, n) => rootOfLeafHashes(leaves.slice(0, n)));

  it("inclusion proofs verify for every leaf, and fail for any other leaf", () => {
    for (let size = 1; size <= 40; size++) {
      for (let i = 0; i < size; i++) {
        const proof = inclusionProof(leaves, i, size);
        expect(verifyInclusion({ leafIndex: i, treeSize: size, leafHash: leaves[i]!, proof, root: roots[size]! })).toBe(true);
        expect(hashesEqual(rootFromInclusionProof(i, size, leaves[i]!, proof)!, roots[size]!)).toBe(true);
        expect(verifyInclusion({ leafIndex: i, treeSize: size, leafHash: leaves[(i + 1) % 40]!, proof, root: roots[size]! })).toBe(false);
      }
    }
  });

  it("consistency proofs verify between every pair of sizes, and fail against another tree", () => {
    const other = rootOfLeafHashes([...leaves.slice(0, 39), hashLeaf(Buffer.from("forged"))]);
    for (let size2 = 1; size2 <= 40; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = consistencyProof(leaves, size1, size2);
        expect(verifyConsistency({ size1, size2, root1: roots[size1]!, root2: roots[size2]!, proof })).toBe(true);
      }
    }
    for (let size1 = 1; size1 < 40; size1++) {
      expect(verifyConsistency({ size1, size2: 40, root1: roots[size1]!, root2: other, proof: consistencyProof(leaves, size1, 40) })).toBe(
        false,
      );
    }
  });

  it("a frontier restored from its blob continues the same tree", () => {
    const frontier = MerkleFrontier.empty();
    leaves.slice(0, 23).forEach((h) => frontier.append(h));
    const restored = MerkleFrontier.fromBlob(23, frontier.toBlob())!;
    leaves.slice(23).forEach((h) => restored.append(h));
    expect(restored.root().equals(roots[40]!)).toBe(true);
    expect(MerkleFrontier.fromBlob(23, frontier.toBlob().subarray(1))).toBeUndefined();
  });

  it("refuses a proof when a stored node is missing", () => {
    expect(() => proofFromPlan(inclusionPlan(3, 8), new Map())).toThrow(/missing from the store/);
  });
});
