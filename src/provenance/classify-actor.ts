/**
 * Who a platform account is: a pull request author, an assignee, a reviewer, a merger. Reads the
 * numeric account id first (it survives renames), then the login, then — for identities that
 * carry them — the git name and email, against the signature registry.
 *
 * A login matches only while the account id agrees: when a signature knows the agent's ids and
 * the account has a different one, the login was renamed or reused (the human account `claude`
 * is not Claude), and the match is weak. An account GitHub marks as a bot that no signature
 * knows is a maintenance bot; everyone else is a person.
 *
 * `classifyActor` is what policy rules pass as `RuleContext.actorKind`, so a review by
 * `copilot-pull-request-reviewer[bot]` is an AI reviewer's and never counts toward a human quorum.
 */
import type { ActorKind, Identity } from "../model/actor.js";
import type { Attribution, Evidence } from "../model/provenance.js";
import { decideAttribution } from "./decide-attribution.js";
import { identityEvidence } from "./identity-evidence.js";
import { firstCompiledMatch, isBotName, normalizeText } from "./match-identity.js";
import type { SignatureRegistry } from "./signature-registry.js";

/** How the account relates to the change: an assignee's identity is only ever a weak hint. */
export type AccountRole = "pull request author" | "assignee" | "account";

function describe(person: Identity): string {
  return `${person.login ?? person.name ?? "?"}${person.id === undefined ? "" : ` (id ${String(person.id)})`}`;
}

/** Evidence from an account's id and login. */
export function loginEvidence(person: Identity, role: AccountRole, registry: SignatureRegistry): Evidence[] {
  const evidence: Evidence[] = [];
  const who = describe(person);
  const login = normalizeText(person.login ?? "");
  for (const matcher of registry.matchers) {
    const { signature } = matcher;
    const byId = person.id !== undefined && matcher.accountIds.has(person.id);
    const loginPattern = firstCompiledMatch(login, matcher.logins)?.source;
    if (!byId && loginPattern === undefined) {
      continue;
    }
    if (role === "assignee") {
      evidence.push({
        signal: byId ? "account-id" : "login",
        strength: "weak",
        subject: signature.id,
        kind: signature.kind,
        detail: `pull request assignee ${who} is ${signature.name}: assigned, which alone does not say who wrote it`,
      });
    } else if (byId) {
      evidence.push({
        signal: "account-id",
        strength: "strong",
        subject: signature.id,
        kind: signature.kind,
        detail: `${role} ${who} has ${signature.name}'s account id`,
      });
    } else if (person.id !== undefined && matcher.accountIds.size > 0) {
      evidence.push({
        signal: "login",
        strength: "weak",
        subject: signature.id,
        kind: signature.kind,
        detail: `${role} login ${who} matches ${signature.name} (${String(loginPattern)}) but the account id is not the agent's: a renamed or reused login`,
      });
    } else {
      evidence.push({
        signal: "login",
        strength: "medium",
        subject: signature.id,
        kind: signature.kind,
        detail: `${role} login ${who} matches ${signature.name} (${String(loginPattern)})`,
      });
    }
  }
  return evidence;
}

/** Everything that says who an account is, ending with a bot or human record when no signature decided. */
export function authorEvidence(
  person: Identity,
  registry: SignatureRegistry,
  role: Exclude<AccountRole, "assignee"> = "pull request author",
): Evidence[] {
  const evidence = loginEvidence(person, role, registry);
  if (person.name !== undefined || person.email !== undefined) {
    const fromGit = identityEvidence(
      { ...(person.name === undefined ? {} : { name: person.name }), ...(person.email === undefined ? {} : { email: person.email }) },
      { signal: "author" },
      registry,
    );
    evidence.push(...fromGit);
  }
  if (evidence.some((item) => item.strength !== "weak")) {
    return evidence;
  }
  const login = person.login ?? "";
  if (isBotName(login) || person.type?.toLowerCase() === "bot") {
    evidence.push({
      signal: "pr-author",
      strength: "medium",
      subject: normalizeText(login),
      kind: "maintenance-bot",
      detail: `${role} ${describe(person)} is a bot account that matches no agent signature`,
    });
    return evidence;
  }
  evidence.push({
    signal: "pr-author",
    strength: "medium",
    subject: normalizeText(login) || normalizeText(person.email ?? "") || normalizeText(person.name ?? ""),
    kind: "human",
    detail: `${role} ${describe(person)} matches no agent or bot signature`,
  });
  return evidence;
}

/** The attribution of one account, with its evidence. */
export function classifyActor(person: Identity, registry: SignatureRegistry): Attribution {
  return decideAttribution(authorEvidence(person, registry, "account"));
}

/** `RuleContext.actorKind` for policy rules: the kind of an account under this registry. */
export function actorKindOf(registry: SignatureRegistry): (person: Identity) => ActorKind {
  return (person) => classifyActor(person, registry).kind;
}
