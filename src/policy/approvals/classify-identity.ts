/**
 * The kind of a reviewer, assignee or pull request author, for the rules that count people.
 * `RuleContext.actorKind` decides when the caller gives one. Otherwise the provenance classifier
 * decides, with the built-in signatures plus the policy's `agents:` — the same matcher and the
 * same evidence rules as everywhere else, so a rule never sees an AI reviewer as a person just
 * because its caller passed no classifier. (An account GitHub marks as a bot that no signature
 * knows is a maintenance bot; everyone else is a person.)
 */
import type { ActorKind, Identity } from "../../model/actor.js";
import type { AgentSignature } from "../../model/agent-signature.js";
import { actorKindOf } from "../../provenance/classify-actor.js";
import { buildRegistry } from "../../provenance/signature-registry.js";
import type { Policy } from "../schema/policy-schema.js";
import type { RuleContext } from "../evaluate/rule-context.js";

// A parsed policy's `agents` list is never mutated, so the registry built from it can be
// reused by every rule and every identity of a change (building one compiles every signature).
const classifiers = new WeakMap<readonly AgentSignature[], (identity: Identity) => ActorKind>();

/** The provenance classifier for this policy's signatures (built-ins plus `agents:`). */
export function policyActorKind(policy: Pick<Policy, "agents">): (identity: Identity) => ActorKind {
  let classify = classifiers.get(policy.agents);
  if (classify === undefined) {
    classify = actorKindOf(buildRegistry(policy.agents));
    classifiers.set(policy.agents, classify);
  }
  return classify;
}

export function classifyIdentity(context: RuleContext, identity: Identity): ActorKind {
  return (context.actorKind ?? policyActorKind(context.policy))(identity);
}
