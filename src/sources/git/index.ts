/** The git source: repositories, changes, history and snapshots read through the git executable. */
export { openRepository, resolveRef, isAncestor } from "./repository.js";
export type { Repository } from "./repository.js";
export { readChange, readStagedChange } from "./read-change.js";
export { streamHistory } from "./stream-history.js";
export { gitSnapshot } from "./git-snapshot.js";
