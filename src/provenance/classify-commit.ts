/**
 * Who wrote a commit: an agent (and which), an AI reviewer, a maintenance bot, or a person —
 * with every piece of evidence that led there and a confidence.
 *
 * Evidence read, per signature: the author and committer identities, every trailer whose key the
 * signature watches (`Co-authored-by` given three times is three identities), and disclosure
 * markers in the message (`Generated with [Claude Code]`, weak: a message can quote anything).
 * A human author with an agent co-author is agent-assisted work: kind `agent`. The decision
 * rules live in decide-attribution.ts; this file only gathers.
 *
 * Pure: no git, no I/O. `commit.trailers` is what the git source parsed (folded lines already
 * joined); values are whitespace-normalised again here so a fold cannot hide an identity.
 */
import type { Commit } from "../model/commit.js";
import type { CommitProvenance, Evidence } from "../model/provenance.js";
import { decideAttribution, isDeciding } from "./decide-attribution.js";
import { identityEvidence } from "./identity-evidence.js";
import { formatIdentity, normalizeText, parseIdentity } from "./match-identity.js";
import { DEFAULT_PROVENANCE_TRAILERS, readProvenanceTrailers } from "./provenance-trailers.js";
import type { SignatureRegistry } from "./signature-registry.js";

export interface ClassifyOptions {
  /** Provenance trailer keys to read (default `Agent-Task`, `Authorized-by`). */
  requiredTrailers?: string[];
}

/** Disclosure markers found in a commit message: weak evidence, never deciding alone. */
function messageEvidence(commit: Commit, registry: SignatureRegistry): Evidence[] {
  const message = normalizeText(commit.message);
  const evidence: Evidence[] = [];
  for (const { signature, markers } of registry.matchers) {
    const marker = markers.find((candidate) => message.includes(candidate.text));
    if (marker !== undefined) {
      evidence.push({
        signal: "message",
        strength: "weak",
        subject: signature.id,
        kind: signature.kind,
        detail: `message mentions "${marker.source}" (${signature.name})`,
      });
    }
  }
  return evidence;
}

/** All evidence a commit carries, author first. */
function commitEvidence(commit: Commit, registry: SignatureRegistry): Evidence[] {
  const evidence: Evidence[] = [];
  const author = identityEvidence(commit.author, { signal: "author" }, registry);
  evidence.push(...author);
  const sameCommitter =
    normalizeText(commit.committer.email) === normalizeText(commit.author.email) && normalizeText(commit.committer.name) === normalizeText(commit.author.name);
  if (!sameCommitter) {
    evidence.push(...identityEvidence(commit.committer, { signal: "committer" }, registry));
  }
  for (const trailer of commit.trailers) {
    evidence.push(...identityEvidence(parseIdentity(trailer.value), { signal: "trailer", trailerKey: trailer.key.trim() }, registry));
  }
  evidence.push(...messageEvidence(commit, registry));
  if (!author.some(isDeciding)) {
    // Record who the author is when nothing recognised it: the human verdict has evidence too.
    evidence.unshift({
      signal: "author",
      strength: "medium",
      subject: normalizeText(commit.author.email) || normalizeText(commit.author.name),
      kind: "human",
      detail: `author ${formatIdentity(commit.author)} matches no agent or bot signature`,
    });
  }
  return evidence;
}

export function classifyCommit(commit: Commit, registry: SignatureRegistry, options: ClassifyOptions = {}): CommitProvenance {
  const attribution = decideAttribution(commitEvidence(commit, registry));
  const trailers = readProvenanceTrailers(commit, options.requiredTrailers ?? DEFAULT_PROVENANCE_TRAILERS);
  return { sha: commit.sha, ...attribution, provenanceTrailers: trailers.values };
}
