/**
 * Who wrote a commit: an agent (and which), an AI reviewer, a maintenance bot, or a person —
 * with every piece of evidence that led there and a confidence.
 *
 * Evidence read, per signature: the author and committer identities; every trailer whose key the
 * signature watches (`Co-authored-by` given three times is three identities), in git's trailer
 * block or on any line of the body (squash merges put them mid-body: message-trailers.ts);
 * session trailers only the tool writes (`Copilot-Session:`, `Amp-Thread-ID:`); the tool's own
 * footer line at the start of a line (`🤖 Generated with [Claude Code](…)`) and an older subject
 * prefix (`aider: `), both medium; disclosure markers elsewhere in the message (weak: a message
 * can quote anything); and GitHub's "Apply suggestion from @reviewer[bot]" commits, which are
 * code an AI reviewer wrote (basis `suggestion`). Extra evidence from the history around the
 * commit (a platform merge of an agent branch) is passed in by the caller.
 * A human author with an agent co-author is agent-assisted work: kind `agent`. The decision
 * rules live in decide-attribution.ts; this file only gathers.
 *
 * Pure: no git, no I/O. `commit.trailers` is what the git source parsed (folded lines already
 * joined); values are whitespace-normalised again here so a fold cannot hide an identity.
 */
import type { Commit, Trailer } from "../model/commit.js";
import type { CommitProvenance, Evidence } from "../model/provenance.js";
import type { BranchEvidenceMode } from "./branch-evidence.js";
import { GENERIC_DISCLOSURE_KEYS } from "./agent-signatures.js";
import { decideAttribution, isDeciding } from "./decide-attribution.js";
import { identityEvidence } from "./identity-evidence.js";
import { formatIdentity, normalizeText, parseIdentity } from "./match-identity.js";
import { allTrailers, messageTrailers } from "./message-trailers.js";
import { DEFAULT_PROVENANCE_TRAILERS, readProvenanceTrailers } from "./provenance-trailers.js";
import type { SignatureRegistry } from "./signature-registry.js";

export interface ClassifyOptions {
  /** Provenance trailer keys to read (default `Agent-Task`, `Authorized-by`). */
  requiredTrailers?: string[];
  /** Whether a platform merge of an agent-named branch decides (`decide`, the default) or is
   * only a hint (`hint`); read by the history walk that builds that evidence. */
  branchEvidence?: BranchEvidenceMode;
}

const GENERIC_KEYS = new Set(GENERIC_DISCLOSURE_KEYS.map((key) => key.toLowerCase()));
/** Values of a disclosure trailer that say no agent took part. */
const NEGATIVE_VALUES = new Set(["no", "none", "false", "n/a", "na", "0", "-"]);
/** The id given to an agent a disclosure trailer declares without naming a known one. */
export const UNIDENTIFIED_AGENT = "unidentified-agent";

/** A line with leading spaces and emoji or other non-ASCII symbols removed, normalised. */
function footerText(line: string): string {
  let index = 0;
  while (index < line.length) {
    const code = line.charCodeAt(index);
    // Spaces, and anything outside ASCII (the 🤖 a footer opens with, variation selectors).
    if (code === 0x20 || code === 0x09 || code > 0x7e) {
      index += 1;
    } else {
      break;
    }
  }
  return normalizeText(line.slice(index));
}

/**
 * The body lines that could be a footer, normalised: only lines whose first letter (after spaces
 * and emoji) starts some signature's footer are normalised at all — most lines of most messages
 * are not, and this runs for every commit of a history.
 */
function footerLines(body: string, starts: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf("\n", start);
    if (end === -1) {
      end = body.length;
    }
    let first = start;
    while (first < end) {
      const code = body.charCodeAt(first);
      if (code === 0x20 || code === 0x09 || code > 0x7e) {
        first += 1;
      } else {
        break;
      }
    }
    if (first < end && starts.has(body[first]?.toLowerCase() ?? "")) {
      const line = footerText(body.slice(first, end));
      if (line.length >= 3) {
        out.push(line);
      }
    }
    start = end + 1;
  }
  return out;
}

/** Footers, subject prefixes and mentions found in the message. */
function messageEvidence(commit: Commit, registry: SignatureRegistry): Evidence[] {
  const message = normalizeText(commit.message);
  const subject = normalizeText(commit.subject);
  const newline = commit.message.indexOf("\n");
  const lines = newline === -1 ? [] : footerLines(commit.message.slice(newline + 1), registry.footerStarts);
  const evidence: Evidence[] = [];
  for (const { signature, markers, footers, subjectPrefixes } of registry.matchers) {
    const footer = footers.length === 0 ? undefined : footers.find((candidate) => lines.some((line) => line.startsWith(candidate.text)));
    if (footer !== undefined) {
      evidence.push({
        signal: "message",
        strength: "medium",
        subject: signature.id,
        kind: signature.kind,
        detail: `message carries ${signature.name}'s own footer line "${footer.source}"`,
      });
    }
    const prefix = subjectPrefixes.find((candidate) => subject.startsWith(candidate.text));
    if (prefix !== undefined) {
      evidence.push({
        signal: "message",
        strength: "medium",
        subject: signature.id,
        kind: signature.kind,
        detail: `subject starts with "${prefix.source}", the prefix ${signature.name} wrote`,
      });
    }
    if (footer === undefined) {
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
  }
  return evidence;
}

/** Session trailers (`Copilot-Session: …`) that only one tool writes. */
function sessionEvidence(trailer: Trailer, registry: SignatureRegistry): Evidence[] {
  const key = normalizeText(trailer.key);
  const evidence: Evidence[] = [];
  for (const { signature, sessionTrailers } of registry.matchers) {
    if (sessionTrailers.has(key)) {
      evidence.push({
        signal: "trailer",
        strength: "medium",
        subject: signature.id,
        kind: signature.kind,
        detail: `trailer ${trailer.key.trim()} is written by ${signature.name}: ${trailer.value.trim()}`,
      });
    }
  }
  return evidence;
}

/** `AI-Assisted: yes` and friends naming no known tool: an agent took part, which one is unknown. */
function genericDisclosure(trailer: Trailer): Evidence | undefined {
  const key = normalizeText(trailer.key);
  const value = normalizeText(trailer.value);
  if (!GENERIC_KEYS.has(key) || value === "" || NEGATIVE_VALUES.has(value)) {
    return undefined;
  }
  return {
    signal: "trailer",
    strength: "medium",
    subject: UNIDENTIFIED_AGENT,
    kind: "agent",
    detail: `trailer ${trailer.key.trim()}: ${trailer.value.trim()} declares an agent that matches no signature (add it to the policy's agents to name it)`,
  };
}

const SUGGESTION_SUBJECTS = ["apply suggestion from ", "apply suggestions from ", "apply suggestion "];

/**
 * GitHub's commits for applied review suggestions: "Apply suggestion from @coderabbitai[bot]"
 * (or "Apply suggestions from code review" with the reviewers as co-authors). When the reviewer
 * is an AI reviewer, the code is that AI's: an agent-kind decision with basis `suggestion`.
 */
function suggestionEvidence(commit: Commit, trailerEvidence: readonly Evidence[], registry: SignatureRegistry): Evidence[] {
  const subject = normalizeText(commit.subject);
  if (!SUGGESTION_SUBJECTS.some((prefix) => subject.startsWith(prefix))) {
    return [];
  }
  const reviewers = new Map<string, string>();
  const at = subject.indexOf("@");
  if (at !== -1) {
    const login = subject.slice(at + 1).split(" ")[0] ?? "";
    const position = registry.loginIndex.get(login);
    const matcher = position === undefined ? undefined : registry.matchers[position];
    if (matcher?.signature.kind === "ai-reviewer") {
      reviewers.set(matcher.signature.id, `subject names AI reviewer @${login}`);
    }
  }
  for (const item of trailerEvidence) {
    if (item.kind === "ai-reviewer" && isDeciding(item) && !reviewers.has(item.subject)) {
      reviewers.set(item.subject, item.detail);
    }
  }
  return [...reviewers].map(([id, why]) => ({
    signal: "suggestion" as const,
    strength: "medium" as const,
    subject: id,
    kind: "agent" as const,
    detail: `applied review suggestion: code written by ${registry.get(id)?.name ?? id} (${why})`,
  }));
}

/** All evidence a commit carries, author first; `context` is evidence from around it in history. */
export function commitEvidence(commit: Commit, registry: SignatureRegistry, context: readonly Evidence[] = []): Evidence[] {
  const evidence: Evidence[] = [];
  const author = identityEvidence(commit.author, { signal: "author" }, registry);
  evidence.push(...author);
  const sameCommitter =
    normalizeText(commit.committer.email) === normalizeText(commit.author.email) &&
    normalizeText(commit.committer.name) === normalizeText(commit.author.name);
  if (!sameCommitter) {
    evidence.push(...identityEvidence(commit.committer, { signal: "committer" }, registry));
  }
  const trailers = allTrailers(commit.trailers, messageTrailers(commit.message, registry.bodyTrailerKeys));
  const trailerEvidence: Evidence[] = [];
  for (const trailer of trailers) {
    const found = identityEvidence(parseIdentity(trailer.value), { signal: "trailer", trailerKey: trailer.key.trim() }, registry);
    found.push(...sessionEvidence(trailer, registry));
    if (found.length === 0) {
      const generic = genericDisclosure(trailer);
      if (generic !== undefined) {
        found.push(generic);
      }
    }
    trailerEvidence.push(...found);
  }
  evidence.push(...trailerEvidence);
  evidence.push(...suggestionEvidence(commit, trailerEvidence, registry));
  evidence.push(...messageEvidence(commit, registry));
  evidence.push(...context);
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

/** Classifies one commit; `context` is evidence from the history around it (merge, branch, notes). */
export function classifyCommit(
  commit: Commit,
  registry: SignatureRegistry,
  options: ClassifyOptions = {},
  context: readonly Evidence[] = [],
): CommitProvenance {
  const attribution = decideAttribution(commitEvidence(commit, registry, context));
  const trailers = readProvenanceTrailers(commit, options.requiredTrailers ?? DEFAULT_PROVENANCE_TRAILERS);
  return { sha: commit.sha, ...attribution, provenanceTrailers: trailers.values };
}
