/**
 * Provenance: who wrote a commit or a change. Agent signatures are data (agent-signatures.ts),
 * extended by the policy through the registry; the classifiers are pure functions over model
 * values that return their decision with its evidence and a confidence.
 */
export { BUILTIN_SIGNATURES } from "./agent-signatures.js";
export { buildRegistry } from "./signature-registry.js";
export type { SignatureRegistry } from "./signature-registry.js";
export { classifyCommit } from "./classify-commit.js";
export { classifyChange } from "./classify-change.js";
export { actorKindOf } from "./classify-actor.js";
export { missingProvenanceTrailers } from "./provenance-trailers.js";
