/**
 * Evidence from one git identity — an author, a committer, or a person or tool named in a
 * trailer — against every signature in the registry.
 *
 * Strength, and why:
 * - an email that matches a signature is `medium`: it is the agent's own address
 *   (`noreply@anthropic.com`, `198982749+Copilot@users.noreply.github.com`);
 * - a name is `medium` only when no person could carry it: a `[bot]` name, a `*suffix` convention
 *   (aider's `Jane (aider)`), or a tool named under a key that declares tool use
 *   (`Assisted-by`, `Generated-by`);
 * - any other bare name match is `weak`: people are called Claude, Devin and Jules, and
 *   `Co-authored-by: Claude <claude.dupont@example.fr>` is a person.
 * A git identity never yields `strong`: git lets anyone write any email, and only the platform's
 * numeric ids (on the pull request) are strong.
 *
 * An identity that matches no signature but is plainly a GitHub App (`something[bot]`) is a
 * maintenance bot of unknown name — automation is not a person, and an agent we do not know is
 * better added to the policy than guessed at.
 */
import type { Evidence, SignalKind, Strength } from "../model/provenance.js";
import { DEFAULT_TRAILER_KEYS } from "./agent-signatures.js";
import { parseAssistedBy } from "./parse-assisted-by.js";
import { botLoginFromEmail, formatIdentity, isBotName, normalizeText } from "./match-identity.js";
import type { CompiledPattern } from "./match-identity.js";
import type { SignatureRegistry } from "./signature-registry.js";

const DEFAULT_KEYS = new Set(DEFAULT_TRAILER_KEYS.map((key) => key.toLowerCase()));

/** Trailer keys whose very presence says a tool took part: a name under them is a tool's name. */
const TOOL_DECLARING_KEYS = new Set([
  "assisted-by",
  "generated-by",
  "generated-with",
  "ai-assisted-by",
  "ai-assisted",
  "ai-agent",
  "co-developed-by-ai",
  "coding-agent",
  "made-with",
]);

export interface IdentitySource {
  signal: Extract<SignalKind, "author" | "committer" | "trailer">;
  /** For trailers: the key as written (`Co-authored-by`). */
  trailerKey?: string;
}

function label(source: IdentitySource): string {
  return source.signal === "trailer" ? `trailer ${source.trailerKey ?? ""}` : source.signal;
}

function nameStrength(pattern: CompiledPattern, normalizedName: string, key: string | undefined): Strength {
  if (pattern.suffix || normalizedName.endsWith("[bot]")) {
    return "medium";
  }
  if (key !== undefined && TOOL_DECLARING_KEYS.has(key)) {
    return "medium";
  }
  return "weak";
}

/** Names to try for an identity: the name itself and, for `Assisted-by`, the kernel AGENT part. */
function candidateNames(name: string, key: string | undefined): { name: string; normalized: string; model?: string }[] {
  const out: { name: string; normalized: string; model?: string }[] = [];
  if (name !== "") {
    out.push({ name, normalized: normalizeText(name) });
  }
  if (key === "assisted-by") {
    const parsed = parseAssistedBy(name);
    if (parsed.agent !== name && parsed.agent !== "") {
      const candidate = { name: parsed.agent, normalized: normalizeText(parsed.agent) };
      out.push(parsed.model === undefined ? candidate : { ...candidate, model: parsed.model });
    }
  }
  if (key !== undefined && TOOL_DECLARING_KEYS.has(key)) {
    // `Generated-by: Claude Code (claude-opus-4)`: the tool, then its model in parentheses.
    const open = name.indexOf(" (");
    if (open > 0 && name.endsWith(")")) {
      out.push({ name: name.slice(0, open), normalized: normalizeText(name.slice(0, open)), model: name.slice(open + 2, -1) });
    }
  }
  return out;
}

/** Evidence that `identity` is one of the registry's signatures (or an unknown bot). */
export function identityEvidence(
  identity: { name?: string; email?: string },
  source: IdentitySource,
  registry: SignatureRegistry,
): Evidence[] {
  const name = identity.name?.replace(/\s+/gu, " ").trim() ?? "";
  const email = identity.email?.trim() ?? "";
  const normalizedEmail = normalizeText(email);
  const key = source.signal === "trailer" ? normalizeText(source.trailerKey ?? "") : undefined;
  const names = candidateNames(name, key).map((candidate) => ({ ...candidate, hits: registry.nameIndex.match(candidate.normalized) }));
  const emailHits = registry.emailIndex.match(normalizedEmail);
  const evidence: Evidence[] = [];
  if (emailHits.size === 0 && names.every((candidate) => candidate.hits.size === 0)) {
    return unknownBotEvidence(name, email, key, source);
  }
  registry.matchers.forEach((matcher, position) => {
    if (key !== undefined && !matcher.trailerKeys.has(key)) {
      return;
    }
    const { signature } = matcher;
    const emailPattern = emailHits.get(position)?.pattern;
    if (emailPattern !== undefined) {
      evidence.push({
        signal: source.signal,
        strength: "medium",
        subject: signature.id,
        kind: signature.kind,
        detail: `${label(source)} email ${email} matches ${signature.name} (${emailPattern.source})`,
      });
      return;
    }
    for (const candidate of names) {
      const namePattern = candidate.hits.get(position)?.pattern;
      if (namePattern !== undefined) {
        const strength = nameStrength(namePattern, candidate.normalized, key);
        const model = candidate.model === undefined ? "" : `, model ${candidate.model}`;
        const why = strength === "weak" ? " — a name alone, which people also carry" : "";
        evidence.push({
          signal: source.signal,
          strength,
          subject: signature.id,
          kind: signature.kind,
          detail: `${label(source)} name "${candidate.name}" matches ${signature.name} (${namePattern.source})${model}${why}: ${formatIdentity({ name, email })}`,
        });
        break;
      }
    }
  });
  return evidence.length > 0 ? evidence : unknownBotEvidence(name, email, key, source);
}

/** An identity no signature claimed: a maintenance bot when it is plainly a GitHub App. */
function unknownBotEvidence(name: string, email: string, key: string | undefined, source: IdentitySource): Evidence[] {
  if (key !== undefined && !DEFAULT_KEYS.has(key)) {
    return [];
  }
  const bot = isBotName(name) ? normalizeText(name) : botLoginFromEmail(email);
  if (bot === undefined) {
    return [];
  }
  return [
    {
      signal: source.signal,
      strength: "medium",
      subject: bot,
      kind: "maintenance-bot",
      detail: `${label(source)} ${formatIdentity({ name, email })} is a GitHub App bot that matches no agent signature`,
    },
  ];
}
