/**
 * Who wrote a change: its commits, classified one by one, plus the pull request around them —
 * the PR author (numeric account id, then login), disclosure markers in the body, the head
 * branch prefix, labels and assignees.
 *
 * The change is agent-authored when any commit is agent-authored on at least medium evidence, or
 * when the PR itself carries deciding agent evidence (its author is an agent; its body carries
 * an agent's footer, as Codex and Jules leave when they open the PR from the human's account).
 * `agents` lists every distinct agent with deciding evidence anywhere in the change. Branch
 * prefixes, labels and assignees are weak: they raise confidence next to deciding evidence and
 * are listed, but a human's branch called `copilot/fix` stays a human's change.
 *
 * A login matches only while the account id agrees: when the signature knows the agent's ids
 * and the PR author has a different one, the login was renamed or reused, and the match is weak.
 */
import type { ActorKind } from "../model/actor.js";
import type { Change, PullRequest } from "../model/change.js";
import type { AttributionBasis, ChangeProvenance, CommitProvenance, Evidence } from "../model/provenance.js";
import { classifyCommit } from "./classify-commit.js";
import type { ClassifyOptions } from "./classify-commit.js";
import { basisFor, confidenceFor, decideAttribution, decidingSubjects, humanConfidence } from "./decide-attribution.js";
import { authorEvidence, loginEvidence } from "./classify-actor.js";
import { normalizeText } from "./match-identity.js";
import type { SignatureRegistry } from "./signature-registry.js";

function pullRequestEvidence(pr: PullRequest, registry: SignatureRegistry): Evidence[] {
  const evidence = authorEvidence(pr.author, registry);
  for (const assignee of pr.assignees) {
    evidence.push(...loginEvidence(assignee, "assignee", registry));
  }
  const body = normalizeText(pr.body);
  const branch = normalizeText(pr.headBranch);
  const labels = pr.labels.map(normalizeText);
  for (const { signature, markers, branchPrefixes, labels: signatureLabels } of registry.matchers) {
    const marker = markers.find((candidate) => body.includes(candidate.text));
    if (marker !== undefined) {
      evidence.push({
        signal: "pr-body",
        strength: "medium",
        subject: signature.id,
        kind: signature.kind,
        detail: `pull request body carries ${signature.name}'s marker "${marker.source}"`,
      });
    }
    const prefix = branchPrefixes.find((candidate) => branch.startsWith(candidate.text));
    if (prefix !== undefined) {
      evidence.push({
        signal: "branch",
        strength: "weak",
        subject: signature.id,
        kind: signature.kind,
        detail: `head branch ${pr.headBranch} starts with ${signature.name}'s prefix ${prefix.source} — anyone can name a branch so`,
      });
    }
    const label = signatureLabels.find((candidate) => labels.includes(candidate.text));
    if (label !== undefined) {
      evidence.push({
        signal: "label",
        strength: "weak",
        subject: signature.id,
        kind: signature.kind,
        detail: `pull request label "${label.source}" is ${signature.name}'s`,
      });
    }
  }
  return evidence;
}

function fromCommit(commit: CommitProvenance): Evidence[] {
  const short = commit.sha.slice(0, 12);
  return commit.evidence.map((item) => ({ ...item, detail: `commit ${short}: ${item.detail}` }));
}

/** The kind of a change that no agent wrote: the PR author's kind, else the commits' common kind. */
function nonAgentKind(
  prEvidence: Evidence[] | undefined,
  commits: CommitProvenance[],
  evidence: Evidence[],
): { kind: ActorKind; agent?: string; confidence: number; basis: AttributionBasis } {
  if (prEvidence !== undefined) {
    const decided = decideAttribution(prEvidence);
    if (decided.agent === undefined) {
      return { kind: decided.kind, confidence: humanConfidence(evidence), basis: decided.basis ?? "commit" };
    }
    return { kind: decided.kind, agent: decided.agent, confidence: decided.confidence, basis: decided.basis ?? "commit" };
  }
  const first = commits[0];
  if (
    first !== undefined &&
    first.kind !== "human" &&
    commits.every((commit) => commit.kind === first.kind && commit.agent === first.agent)
  ) {
    const confidence = Math.min(...commits.map((commit) => commit.confidence));
    return first.agent === undefined
      ? { kind: first.kind, confidence, basis: first.basis ?? "commit" }
      : { kind: first.kind, agent: first.agent, confidence, basis: first.basis ?? "commit" };
  }
  return { kind: "human", confidence: humanConfidence(evidence), basis: "commit" };
}

export function classifyChange(change: Change, registry: SignatureRegistry, options: ClassifyOptions = {}): ChangeProvenance {
  const commits = change.commits.map((commit) => classifyCommit(commit, registry, options));
  const prEvidence = change.pullRequest === undefined ? undefined : pullRequestEvidence(change.pullRequest, registry);
  const evidence = [...(prEvidence ?? []), ...commits.flatMap(fromCommit)];
  const agents = decidingSubjects(evidence, "agent");
  const lead = agents[0];
  if (lead !== undefined) {
    return {
      kind: "agent",
      agent: lead,
      confidence: confidenceFor(evidence, "agent", lead),
      basis: basisFor(evidence, "agent", lead),
      evidence,
      commits,
      agents,
    };
  }
  const decided = nonAgentKind(prEvidence, commits, evidence);
  return { ...decided, evidence, commits, agents };
}
