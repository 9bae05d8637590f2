/**
 * The signature registry: the built-in agent signatures plus those a policy defines. A policy
 * entry with a new id adds an agent; one with a built-in id extends it (its lists are joined to
 * the built-in ones, so a policy can teach Custody a company's own bot login for Copilot without
 * restating the rest).
 *
 * Policy-defined signatures are untrusted input. The policy loader has already checked them,
 * with positions, against the rules in signature-schema.ts; the registry applies the same rules
 * again because it is also called with signatures that did not come through the loader, and a
 * bad one is a `CustodyError` (`POLICY_INVALID`) naming the entry and the key. The rules keep the
 * matcher honest (see signature-schema.ts).
 */
import type { z } from "zod";
import type { AgentSignature } from "../model/agent-signature.js";
import { CustodyError } from "../model/errors.js";
import { BUILTIN_SIGNATURES, DEFAULT_TRAILER_KEYS, GENERIC_DISCLOSURE_KEYS } from "./agent-signatures.js";
import { compilePattern, normalizeText, PatternIndex } from "./match-identity.js";
import type { CompiledPattern } from "./match-identity.js";
import { agentSignatureSchema, signatureListIssues } from "./signature-schema.js";

/** One signature with its patterns normalised once: classification runs per commit of a history. */
interface SignatureMatcher {
  readonly signature: AgentSignature;
  readonly names: readonly CompiledPattern[];
  readonly emails: readonly CompiledPattern[];
  readonly logins: readonly CompiledPattern[];
  readonly accountIds: ReadonlySet<number>;
  /** Lower-cased trailer keys whose values name this signature. */
  readonly trailerKeys: ReadonlySet<string>;
  readonly markers: readonly { source: string; text: string }[];
  /** Lower-cased keys of trailers whose presence names this signature. */
  readonly sessionTrailers: ReadonlySet<string>;
  readonly footers: readonly { source: string; text: string }[];
  readonly subjectPrefixes: readonly { source: string; text: string }[];
  readonly branchPrefixes: readonly { source: string; text: string }[];
  readonly labels: readonly { source: string; text: string }[];
}

export interface SignatureRegistry {
  /** Every signature, built-ins first, in a stable order. */
  readonly signatures: readonly AgentSignature[];
  /** The same signatures, compiled for matching, in the same order. */
  readonly matchers: readonly SignatureMatcher[];
  /** Every matcher's emails and names, indexed by matcher position (one lookup per identity). */
  readonly emailIndex: PatternIndex;
  readonly nameIndex: PatternIndex;
  /** Lower-cased trailer keys worth reading anywhere in a message body: every key a signature
   * reads identities under, every session key, and the generic disclosure keys. */
  readonly bodyTrailerKeys: ReadonlySet<string>;
  /** Logins of every signature, lower-cased, to the signature's position (for `@login` mentions
   * that GitHub writes, as in "Apply suggestion from @coderabbitai[bot]"). */
  readonly loginIndex: ReadonlyMap<string, number>;
  /** First characters of every footer (lower-cased): a cheap prefilter for message lines. */
  readonly footerStarts: ReadonlySet<string>;
  /** The signature with this id (exact, kebab-case), if any. */
  get(id: string): AgentSignature | undefined;
}

/** List fields that a policy extension joins onto a built-in signature. */
const LIST_FIELDS = [
  "names",
  "emails",
  "logins",
  "accountIds",
  "appIds",
  "trailerValues",
  "markers",
  "sessionTrailers",
  "footers",
  "subjectPrefixes",
  "sources",
  "branchPrefixes",
  "labels",
] as const;

function describeIssue(issue: z.core.$ZodIssue, index: number, id: unknown): string {
  const key = issue.path.map(String).join(".");
  const which = typeof id === "string" ? `signature ${String(index)} ("${id}")` : `signature ${String(index)}`;
  return `${which}${key === "" ? "" : `, key ${key}`}: ${issue.message}`;
}

/**
 * Validates the extra signatures with the rules of signature-schema.ts (the same ones the policy
 * loader applied, with positions, to a policy's `agents:`), so a caller that did not come
 * through the loader is held to them too.
 */
function validate(extra: readonly unknown[]): AgentSignature[] {
  const out: AgentSignature[] = [];
  extra.forEach((entry, index) => {
    const parsed = agentSignatureSchema.safeParse(entry);
    if (!parsed.success) {
      const id = typeof entry === "object" && entry !== null && "id" in entry ? entry.id : undefined;
      const details = parsed.error.issues.map((issue) => describeIssue(issue, index, id)).join("; ");
      throw new CustodyError(
        "POLICY_INVALID",
        `An agent signature in the policy is not valid — ${details}. Fix the entry under agent signatures; see the JSON Schema for the allowed keys.`,
        { cause: parsed.error },
      );
    }
    out.push(parsed.data);
  });
  const [issue] = signatureListIssues(out);
  if (issue !== undefined) {
    throw new CustodyError(
      "POLICY_INVALID",
      `An agent signature in the policy is not valid — signature ${String(issue.index)}, key ${issue.key}: ${issue.message}.`,
    );
  }
  return out;
}

function union<T extends string | number>(left: readonly T[] | undefined, right: readonly T[] | undefined): T[] | undefined {
  if (left === undefined && right === undefined) {
    return undefined;
  }
  const out: T[] = [];
  const keys = new Set<string>();
  for (const value of [...(left ?? []), ...(right ?? [])]) {
    const key = typeof value === "string" ? normalizeText(value) : String(value);
    if (!keys.has(key)) {
      keys.add(key);
      out.push(value);
    }
  }
  return out;
}

function extend(base: AgentSignature, extension: AgentSignature): AgentSignature {
  // validate() refused an extension that changes the kind, so `...base` keeps the right one.
  // The policy loader defaults a missing name to the id; that must not rename "Claude Code" to
  // "claude-code" in every report.
  const name = extension.name === extension.id ? base.name : extension.name;
  const merged: AgentSignature = { ...base, name };
  for (const field of LIST_FIELDS) {
    const joined = union<string | number>(base[field], extension[field]);
    if (joined !== undefined) {
      (merged as unknown as Record<string, unknown>)[field] = joined;
    }
  }
  return merged;
}

/** Checks the built-in table itself: a duplicate id there is a bug, not a user error. */
function assertUniqueIds(signatures: readonly AgentSignature[]): void {
  const ids = new Set<string>();
  for (const signature of signatures) {
    if (ids.has(signature.id)) {
      throw new Error(`built-in agent signature id "${signature.id}" is not unique`);
    }
    ids.add(signature.id);
  }
}

function normalizedList(values: readonly string[] | undefined): { source: string; text: string }[] {
  return (values ?? []).map((source) => ({ source, text: normalizeText(source) })).filter((entry) => entry.text !== "");
}

function compileSignature(signature: AgentSignature): SignatureMatcher {
  return {
    signature,
    names: (signature.names ?? []).map(compilePattern),
    emails: (signature.emails ?? []).map(compilePattern),
    logins: (signature.logins ?? []).map(compilePattern),
    accountIds: new Set(signature.accountIds ?? []),
    trailerKeys: new Set((signature.trailerValues ?? DEFAULT_TRAILER_KEYS).map(normalizeText)),
    markers: normalizedList(signature.markers),
    sessionTrailers: new Set((signature.sessionTrailers ?? []).map(normalizeText)),
    footers: normalizedList(signature.footers),
    subjectPrefixes: normalizedList(signature.subjectPrefixes),
    branchPrefixes: normalizedList(signature.branchPrefixes),
    labels: normalizedList(signature.labels),
  };
}

/**
 * Builds the registry from the built-in signatures and the policy's `extra` ones. `extra` is
 * validated (it comes from a file a person wrote): a malformed entry, a duplicate id or an
 * extension that changes a built-in's kind throws `CustodyError` `POLICY_INVALID`.
 */
export function buildRegistry(extra: readonly AgentSignature[] = []): SignatureRegistry {
  assertUniqueIds(BUILTIN_SIGNATURES);
  const byId = new Map<string, AgentSignature>();
  for (const signature of BUILTIN_SIGNATURES) {
    byId.set(signature.id, signature);
  }
  for (const signature of validate(extra)) {
    const base = byId.get(signature.id);
    byId.set(signature.id, base === undefined ? signature : extend(base, signature));
  }
  const signatures = Object.freeze([...byId.values()]);
  const matchers = Object.freeze(signatures.map(compileSignature));
  const emailIndex = new PatternIndex();
  const nameIndex = new PatternIndex();
  const bodyTrailerKeys = new Set<string>(GENERIC_DISCLOSURE_KEYS.map(normalizeText));
  const loginIndex = new Map<string, number>();
  const footerStarts = new Set<string>();
  matchers.forEach((matcher, position) => {
    for (const footer of matcher.footers) {
      footerStarts.add(footer.text.charAt(0));
    }
    emailIndex.add(position, matcher.emails);
    nameIndex.add(position, matcher.names);
    for (const key of [...matcher.trailerKeys, ...matcher.sessionTrailers]) {
      bodyTrailerKeys.add(key);
    }
    for (const login of matcher.logins) {
      if (!login.suffix && !loginIndex.has(login.text)) {
        loginIndex.set(login.text, position);
      }
    }
  });
  return {
    signatures,
    matchers,
    emailIndex,
    nameIndex,
    bodyTrailerKeys,
    loginIndex,
    footerStarts,
    get: (id) => byId.get(id),
  };
}
