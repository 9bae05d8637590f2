/**
 * The default `ActorClassifier`: the provenance registry (built-in agent signatures plus any
 * the policy adds). A pull request is classified from what its webhook payload shows (author,
 * body markers, branch, labels); a lone identity (reviewer, merger, assigner) by
 * the provenance account classifier, so the same signature data and evidence rules decide; an
 * account GitHub marks as a bot that no signature knows is a maintenance bot, never a human.
 */
import type { ActorKind, Identity } from "../model/actor.js";
import type { AgentSignature } from "../model/agent-signature.js";
import type { PullRequest } from "../model/change.js";
import { actorKindOf, buildRegistry, classifyChange } from "../provenance/index.js";
import type { ActorClassifier } from "./actor-classifier.js";

export function registryClassifier(extra: readonly AgentSignature[] = []): ActorClassifier {
  const registry = buildRegistry(extra);
  const kindOf = actorKindOf(registry);
  const identityCache = new Map<string, ActorKind>();
  return {
    pullRequest: (pr: PullRequest) =>
      classifyChange({ base: pr.baseSha ?? "", head: pr.headSha ?? "", commits: [], files: [], pullRequest: pr }, registry),
    identity: (identity: Identity): ActorKind => {
      const key = `${String(identity.id ?? "")}|${identity.login ?? ""}|${identity.type ?? ""}`;
      const cached = identityCache.get(key);
      if (cached !== undefined) {
        return cached;
      }
      const kind = kindOf(identity);
      if (identityCache.size < 10_000) {
        identityCache.set(key, kind);
      }
      return kind;
    },
  };
}
