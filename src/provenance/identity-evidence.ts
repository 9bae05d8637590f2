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
import type { AgentSignature } from "../model/agent-signature.js";
import type { Evidence, SignalKind, Strength } from "../model/provenance.js";
import { DEFAULT_TRAILER_KEYS } from "./agent-signatures.js";
import { parseAssistedBy } from "./parse-assisted-by.js";
import { botLoginFromEmail, firstMatch, formatIdentity, isBotName, isSuffixPattern, normalizeText } from "./match-identity.js";
import type { SignatureRegistry } from "./signature-registry.js";

/** Trailer keys whose very presence says a tool took part: a name under them is a tool's name. */
const TOOL_DECLARING_KEYS = new Set(["assisted-by", "generated-by", "ai-assisted-by", "co-developed-by-ai"]);

export interface IdentitySource {
  signal: Extract<SignalKind, "author" | "committer" | "trailer">;
  /** For trailers: the key as written (`Co-authored-by`). */
  trailerKey?: string;
}

function label(source: IdentitySource): string {
  return source.signal === "trailer" ? `trailer ${source.trailerKey ?? ""}` : source.signal;
}

function trailerKeysOf(signature: AgentSignature): readonly string[] {
  return signature.trailerValues ?? DEFAULT_TRAILER_KEYS;
}

function keyApplies(signature: AgentSignature, source: IdentitySource): boolean {
  if (source.signal !== "trailer") {
    return true;
  }
  const key = normalizeText(source.trailerKey ?? "");
  return trailerKeysOf(signature).some((candidate) => normalizeText(candidate) === key);
}

function nameStrength(pattern: string, name: string, source: IdentitySource): Strength {
  if (isSuffixPattern(pattern) || isBotName(name)) {
    return "medium";
  }
  if (source.signal === "trailer" && TOOL_DECLARING_KEYS.has(normalizeText(source.trailerKey ?? ""))) {
    return "medium";
  }
  return "weak";
}

/** Names to try for an identity: the name itself and, for `Assisted-by`, the kernel AGENT part. */
function candidateNames(name: string, source: IdentitySource): { name: string; model?: string }[] {
  const out: { name: string; model?: string }[] = [];
  if (name !== "") {
    out.push({ name });
  }
  if (source.signal === "trailer" && normalizeText(source.trailerKey ?? "") === "assisted-by") {
    const parsed = parseAssistedBy(name);
    if (parsed.agent !== name && parsed.agent !== "") {
      out.push(parsed.model === undefined ? { name: parsed.agent } : { name: parsed.agent, model: parsed.model });
    }
  }
  return out;
}

/** Evidence that `identity` is one of the registry's signatures (or an unknown bot). */
export function identityEvidence(identity: { name?: string; email?: string }, source: IdentitySource, registry: SignatureRegistry): Evidence[] {
  const name = identity.name?.replace(/\s+/gu, " ").trim() ?? "";
  const email = identity.email?.trim() ?? "";
  const shown = formatIdentity({ name, email });
  const evidence: Evidence[] = [];
  for (const signature of registry.signatures) {
    if (!keyApplies(signature, source)) {
      continue;
    }
    const emailPattern = email === "" ? undefined : firstMatch(email, signature.emails);
    if (emailPattern !== undefined) {
      evidence.push({
        signal: source.signal,
        strength: "medium",
        subject: signature.id,
        kind: signature.kind,
        detail: `${label(source)} email ${email} matches ${signature.name} (${emailPattern})`,
      });
      continue;
    }
    for (const candidate of candidateNames(name, source)) {
      const namePattern = firstMatch(candidate.name, signature.names);
      if (namePattern !== undefined) {
        const strength = nameStrength(namePattern, candidate.name, source);
        const model = candidate.model === undefined ? "" : `, model ${candidate.model}`;
        const why = strength === "weak" ? " — a name alone, which people also carry" : "";
        evidence.push({
          signal: source.signal,
          strength,
          subject: signature.id,
          kind: signature.kind,
          detail: `${label(source)} name "${candidate.name}" matches ${signature.name} (${namePattern})${model}${why}: ${shown}`,
        });
        break;
      }
    }
  }
  if (evidence.length === 0) {
    const bot = isBotName(name) ? normalizeText(name) : botLoginFromEmail(email);
    const defaultKey = source.signal !== "trailer" || DEFAULT_TRAILER_KEYS.some((key) => normalizeText(key) === normalizeText(source.trailerKey ?? ""));
    if (bot !== undefined && defaultKey) {
      evidence.push({
        signal: source.signal,
        strength: "medium",
        subject: bot,
        kind: "maintenance-bot",
        detail: `${label(source)} ${shown} is a GitHub App bot that matches no agent signature`,
      });
    }
  }
  return evidence;
}
