/**
 * Custody as a library: the same engine the CLI and the server call. Read a change from git,
 * judge it against a policy, render the verdict; audit a history; keep and verify the ledger.
 *
 *   const repo = await openRepository(".");
 *   const change = await readChange(repo, "origin/main", "HEAD");
 *   const { policy } = await loadPolicy({ repoDir: repo.dir });
 *   const { verdict } = await runCheck({ change, policy, base: gitSnapshot(repo, change.base), head: gitSnapshot(repo, change.head) });
 */
export * from "./model/index.js";
export { VERSION } from "./version.js";

export { gitSnapshot, openRepository, readChange, resolveRef, streamHistory } from "./sources/git/index.js";
export type { Repository } from "./sources/git/index.js";
export { readPullRequestEvent } from "./sources/github/read-event.js";
export { readSarif } from "./sources/sarif/read-sarif.js";

export { BUILTIN_SIGNATURES, buildRegistry, classifyChange, classifyCommit, missingProvenanceTrailers } from "./provenance/index.js";
export type { SignatureRegistry } from "./provenance/index.js";
export { defaultPolicy, evaluatePolicy, explainPolicy, loadPolicy, parsePolicy, policyJsonSchema, RULES } from "./policy/index.js";
export type { Policy } from "./policy/index.js";
export { DETECTORS } from "./detect/index.js";
export { ALL_RULES } from "./rule-catalog.js";

export { runCheck } from "./engine/run-check.js";
export type { CheckInput, CheckResult } from "./engine/run-check.js";
export { runAudit } from "./engine/audit.js";
export type { AuditReport } from "./model/audit-report.js";

export { renderJson } from "./report/json.js";
export { renderMarkdown } from "./report/markdown.js";
export { renderSarif } from "./report/sarif.js";
export { renderText } from "./report/text.js";
export { renderCheckRun } from "./report/check-run.js";

export { openLedger } from "./ledger/open-ledger.js";
export type { LedgerConfig } from "./ledger/open-ledger.js";
export { verifyLedger } from "./ledger/verify/verify-ledger.js";
export { consistencyProof, inclusionProof, verifyInclusionBundle } from "./ledger/ledger-proofs.js";
