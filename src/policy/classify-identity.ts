/**
 * Reviewer classification when the caller gives no classifier: an account GitHub marks as a
 * bot (type `Bot`, login ending `[bot]`) is never a human, and an identity listed in the
 * policy's `agents:` takes that signature's kind. Everyone else counts as human. The
 * provenance classifier (src/provenance/) knows the built-in signatures and should be passed
 * as `RuleContext.actorKind` whenever it is available.
 */
import type { ActorKind, Identity } from "../model/actor.js";
import type { AgentSignature } from "../model/agent-signature.js";
import type { RuleContext } from "./rule-context.js";

function matchesSignature(identity: Identity, signature: AgentSignature): boolean {
  const login = identity.login?.toLowerCase();
  const email = identity.email?.toLowerCase();
  const name = identity.name?.toLowerCase();
  if (identity.id !== undefined && signature.accountIds?.includes(identity.id) === true) {
    return true;
  }
  if (login !== undefined && signature.logins?.some((value) => value.toLowerCase() === login) === true) {
    return true;
  }
  if (name !== undefined && signature.names?.some((value) => value.toLowerCase() === name) === true) {
    return true;
  }
  return (
    email !== undefined &&
    signature.emails?.some((value) => (value.startsWith("*") ? email.endsWith(value.slice(1).toLowerCase()) : value.toLowerCase() === email)) === true
  );
}

export function classifyIdentity(context: RuleContext, identity: Identity): ActorKind {
  if (context.actorKind !== undefined) {
    return context.actorKind(identity);
  }
  const signature = context.policy.agents.find((candidate) => matchesSignature(identity, candidate));
  if (signature !== undefined) {
    return signature.kind;
  }
  if (identity.type?.toLowerCase() === "bot" || identity.login?.toLowerCase().endsWith("[bot]") === true) {
    return "maintenance-bot";
  }
  return "human";
}
