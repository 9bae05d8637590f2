/**
 * Provenance: who wrote a commit or a change. Agent signatures are data (agent-signatures.ts),
 * extended by the policy through the registry; the classifiers are pure functions over model
 * values that return their decision with its evidence and a confidence.
 */
export { BUILTIN_SIGNATURES, DEFAULT_TRAILER_KEYS } from "./agent-signatures.js";
export { buildRegistry } from "./signature-registry.js";
export {
  agentSignatureSchema,
  branchPrefixSchema,
  githubIdSchema,
  identityPatternSchema,
  labelSchema,
  markerSchema,
  signatureIdSchema,
  signatureKindSchema,
  signatureListIssues,
  signatureNameSchema,
  trailerKeySchema,
} from "./signature-schema.js";
export type { SignatureListIssue } from "./signature-schema.js";
export type { SignatureRegistry } from "./signature-registry.js";
export { classifyCommit } from "./classify-commit.js";
export type { ClassifyOptions } from "./classify-commit.js";
export { classifyChange } from "./classify-change.js";
export { actorKindOf, classifyActor } from "./classify-actor.js";
export { decideAttribution } from "./decide-attribution.js";
export { DEFAULT_PROVENANCE_TRAILERS, missingProvenanceTrailers, readProvenanceTrailers } from "./provenance-trailers.js";
export type { ProvenanceTrailers } from "./provenance-trailers.js";
export { parseAssistedBy } from "./parse-assisted-by.js";
export type { AssistedBy } from "./parse-assisted-by.js";
export { matchesPattern, parseIdentity } from "./match-identity.js";
