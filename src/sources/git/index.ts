/** The git source: repositories, changes, history and snapshots read through the git executable. */
export { openRepository, resolveRef, resolveRefs, isShallow, isAncestor } from "./repository.js";
export type { Repository } from "./repository.js";
export { readChange, readStagedChange, DEFAULT_MAX_FILE_DIFF_BYTES } from "./read-change.js";
export type { ReadChangeOptions } from "./read-change.js";
export { streamHistory, countCommits } from "./stream-history.js";
export type { HistoryOptions } from "./stream-history.js";
export { gitSnapshot } from "./git-snapshot.js";
export type { GitSnapshot } from "./git-snapshot.js";
export { repositoryKey } from "./repository-key.js";
export { historyPatches } from "./history-patches.js";
export type { FilePatch, HistoryPatchOptions } from "./history-patches.js";
