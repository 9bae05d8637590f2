/**
 * Turns a list of evidence into one attribution: which kind of actor, which agent, how sure.
 *
 * The rules, in the order they apply:
 * 1. Only `strong` or `medium` evidence decides. `weak` evidence (a branch prefix, a label, a
 *    message mention, a bare name that people also carry) never decides — not alone and not
 *    several together — because anyone can name a branch `copilot/fix` or write "Claude" in a
 *    message. It stays in the evidence list and, next to deciding evidence for the same subject,
 *    raises the confidence.
 * 2. Among deciding evidence the kinds rank agent > ai-reviewer > maintenance-bot: a Dependabot
 *    commit that an agent co-authored is agent work. Within a kind the subject whose evidence has
 *    the better basis wins (see below), then the strongest evidence, then the most distinct
 *    signals, then the first seen.
 * 3. A maintenance bot decides only as the author (or the PR's author, or by its account id):
 *    a person's commit that Dependabot co-signed or GitHub Actions committed is the person's,
 *    with the bot kept in the evidence.
 * 4. Nothing decides → `human`.
 *
 * The basis says where the winning evidence came from (see `AttributionBasis`): evidence in the
 * commit itself outranks an applied review suggestion, notes, traces, a platform merge and a
 * bare branch name, in that order, so `basis: merge` means "nothing in the commit said so".
 *
 * Confidence (0..1) is a plain, documented scale rather than a model: 0.95 for a numeric id, 0.8
 * for an identity or login; each further distinct signal for the same subject closes part of the
 * remaining gap (strong ½, medium ⅖, weak ⅕), capped at 0.99. A human verdict starts at 0.9 and
 * loses 0.1 for each distinct weak hint that pointed at an agent (floor 0.5): "probably a person,
 * but someone named the branch `copilot/…`".
 */
import type { ActorKind } from "../model/actor.js";
import type { Attribution, AttributionBasis, Evidence, SignalKind, Strength } from "../model/provenance.js";

const STRENGTH_RANK: Record<Strength, number> = { strong: 3, medium: 2, weak: 1 };
const BASE_CONFIDENCE: Record<Strength, number> = { strong: 0.95, medium: 0.8, weak: 0.3 };
const CORROBORATION: Record<Strength, number> = { strong: 0.5, medium: 0.4, weak: 0.2 };
const KIND_RANK: Record<Exclude<ActorKind, "human">, number> = { agent: 3, "ai-reviewer": 2, "maintenance-bot": 1 };

export function isDeciding(evidence: Evidence): boolean {
  return evidence.kind !== "human" && STRENGTH_RANK[evidence.strength] >= STRENGTH_RANK.medium;
}

/** Signals through which a maintenance bot can be the actor: it wrote the commit or opened the PR. */
const BOT_ACTOR_SIGNALS: ReadonlySet<SignalKind> = new Set(["author", "account-id", "app-id", "login", "pr-author"]);

const BASIS_OF_SIGNAL: Partial<Record<SignalKind, AttributionBasis>> = {
  merge: "merge",
  branch: "branch",
  suggestion: "suggestion",
  "git-notes": "notes",
  trace: "trace",
};
const BASIS_RANK: Record<AttributionBasis, number> = { commit: 6, suggestion: 5, notes: 4, trace: 3, merge: 2, branch: 1 };

export function basisOfSignal(signal: SignalKind): AttributionBasis {
  return BASIS_OF_SIGNAL[signal] ?? "commit";
}

/** The basis of a winning group: the best-ranked basis among its deciding items. */
function groupBasis(items: readonly Evidence[]): AttributionBasis {
  let best: AttributionBasis | undefined;
  for (const item of items) {
    if (STRENGTH_RANK[item.strength] < STRENGTH_RANK.medium) {
      continue;
    }
    const basis = basisOfSignal(item.signal);
    if (best === undefined || BASIS_RANK[basis] > BASIS_RANK[best]) {
      best = basis;
    }
  }
  return best ?? "commit";
}

/** Can this group decide? Medium+ evidence, and a maintenance bot only as the actor. */
function decides(group: SubjectGroup): boolean {
  if (STRENGTH_RANK[group.best] < STRENGTH_RANK.medium) {
    return false;
  }
  if (group.kind !== "maintenance-bot") {
    return true;
  }
  return group.items.some((item) => BOT_ACTOR_SIGNALS.has(item.signal) && STRENGTH_RANK[item.strength] >= STRENGTH_RANK.medium);
}

interface SubjectGroup {
  kind: Exclude<ActorKind, "human">;
  subject: string;
  items: Evidence[];
  best: Strength;
  firstIndex: number;
}

function groupBySubject(evidence: readonly Evidence[]): SubjectGroup[] {
  const groups = new Map<string, SubjectGroup>();
  evidence.forEach((item, index) => {
    if (item.kind === "human") {
      return;
    }
    const key = `${item.kind}\u0000${item.subject}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { kind: item.kind, subject: item.subject, items: [], best: item.strength, firstIndex: index };
      groups.set(key, group);
    }
    group.items.push(item);
    if (STRENGTH_RANK[item.strength] > STRENGTH_RANK[group.best]) {
      group.best = item.strength;
    }
  });
  return [...groups.values()];
}

/** Distinct signals of a group, each at its strongest. */
function distinctSignals(items: readonly Evidence[]): Map<SignalKind, Strength> {
  const signals = new Map<SignalKind, Strength>();
  for (const item of items) {
    const known = signals.get(item.signal);
    if (known === undefined || STRENGTH_RANK[item.strength] > STRENGTH_RANK[known]) {
      signals.set(item.signal, item.strength);
    }
  }
  return signals;
}

function compareGroups(left: SubjectGroup, right: SubjectGroup): number {
  return (
    KIND_RANK[right.kind] - KIND_RANK[left.kind] ||
    // Evidence in the commit outranks a suggestion, notes, traces, a merge and a branch name.
    BASIS_RANK[groupBasis(right.items)] - BASIS_RANK[groupBasis(left.items)] ||
    STRENGTH_RANK[right.best] - STRENGTH_RANK[left.best] ||
    distinctSignals(right.items).size - distinctSignals(left.items).size ||
    left.firstIndex - right.firstIndex
  );
}

function groupConfidence(group: SubjectGroup): number {
  const signals = [...distinctSignals(group.items).values()].sort((a, b) => STRENGTH_RANK[b] - STRENGTH_RANK[a]);
  const [first, ...rest] = signals;
  let confidence = first === undefined ? 0 : BASE_CONFIDENCE[first];
  for (const strength of rest) {
    confidence += (1 - confidence) * CORROBORATION[strength];
  }
  return round(Math.min(confidence, 0.99));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Confidence that the actor is a person, given the weak hints that pointed elsewhere. */
export function humanConfidence(evidence: readonly Evidence[]): number {
  const hints = new Set<string>();
  for (const item of evidence) {
    if (item.kind !== "human" && item.strength === "weak") {
      hints.add(`${item.subject}\u0000${item.signal}`);
    }
  }
  return round(Math.max(0.5, 0.9 - 0.1 * hints.size));
}

/** The subjects (`claude-code`, `dependabot`) of `kind` that have deciding evidence, strongest first. */
export function decidingSubjects(evidence: readonly Evidence[], kind: Exclude<ActorKind, "human">): string[] {
  return groupBySubject(evidence)
    .filter((group) => group.kind === kind && decides(group))
    .sort(compareGroups)
    .map((group) => group.subject);
}

/** The attribution the evidence supports; the evidence is kept as it was given. */
export function decideAttribution(evidence: readonly Evidence[]): Attribution {
  const deciding = groupBySubject(evidence).filter(decides).sort(compareGroups);
  const winner = deciding[0];
  if (winner === undefined) {
    return { kind: "human", confidence: humanConfidence(evidence), basis: "commit", evidence: [...evidence] };
  }
  return {
    kind: winner.kind,
    agent: winner.subject,
    confidence: groupConfidence(winner),
    basis: groupBasis(winner.items),
    evidence: [...evidence],
  };
}

/** The basis for one subject over the given evidence (used when a caller has already chosen it). */
export function basisFor(evidence: readonly Evidence[], kind: Exclude<ActorKind, "human">, subject: string): AttributionBasis {
  const group = groupBySubject(evidence).find((candidate) => candidate.kind === kind && candidate.subject === subject);
  return group === undefined ? "commit" : groupBasis(group.items);
}

/** Confidence for one subject over the given evidence (used when a caller has already chosen it). */
export function confidenceFor(evidence: readonly Evidence[], kind: Exclude<ActorKind, "human">, subject: string): number {
  const group = groupBySubject(evidence).find((candidate) => candidate.kind === kind && candidate.subject === subject);
  return group === undefined ? 0 : groupConfidence(group);
}
