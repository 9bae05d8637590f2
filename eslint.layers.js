// The layer rules of src/, written down once (../shared/STYLE.md "The shape of the house"):
// sources → model → provenance/policy/detect → engine → ledger → report/server/cli. Data flows
// one way; a folder may import only the folders listed for it (and itself). eslint.config.js
// turns this table into import-x/no-restricted-paths zones, so `npm run lint` (in `npm test`)
// fails on an import that breaks a wall; test/layers.test.ts shows that it does.
//
// Tests and __fixtures__ are outside the walls: a test may compose layers (a detector test runs
// its detector through the engine's runDetector), product code may not import a test.

/** Every top-level folder of src/ and what it may import besides itself. */
export const LAYERS = {
  // The nouns: imported by everyone, importing no one.
  model: [],
  // The outside world → model values (git, GitHub API and webhooks, SARIF).
  sources: ["model"],
  // Who wrote it: pure classification over model values.
  provenance: ["model"],
  // Detectors take snapshots and patches the engine supplies; they do no I/O of their own.
  detect: ["model"],
  // The policy composes the detectors' and the ledger's option schemas and the agent
  // signatures; its loader reads the policy file through sources (a git snapshot at a commit).
  policy: ["model", "sources", "provenance", "detect", "ledger"],
  // The append-only record: stores, Merkle tree, checkpoints, retention. Knows no policy.
  ledger: ["model"],
  // Orchestration: one change (or a history) in, findings and verdicts out.
  engine: ["model", "sources", "provenance", "policy", "detect", "ledger"],
  // Renders model values; never recomputes them.
  report: ["model", "(root)"],
  // Case files: a projection of ledger events.
  cases: ["model", "provenance", "policy", "ledger", "engine"],
  // The demo repository generator (used by `custody demo`).
  demo: ["model"],
  // Interfaces: HTTP and the command line. The server never calls the CLI.
  server: ["model", "sources", "provenance", "policy", "detect", "ledger", "engine", "report", "cases", "(root)"],
  cli: ["model", "sources", "provenance", "policy", "detect", "ledger", "engine", "report", "cases", "server", "demo", "(root)"],
};

/**
 * Known breaches that another branch removes (issue 15's walls), each `layer: [folders]`. Delete
 * an entry when its branch has landed; the list must end empty.
 */
export const PENDING_BREACHES = {};

/** Files at the root of src/ (index.ts, version.ts, rule-catalog.ts): the package's public face. */
const ROOT_FILES = ["./src/*.ts"];

/** import-x/no-restricted-paths zones for the table above. */
export function layerZones(layers = LAYERS, pending = PENDING_BREACHES) {
  const folders = Object.keys(layers);
  const zones = folders.map((layer) => {
    const allowed = new Set([layer, ...layers[layer], ...(pending[layer] ?? [])]);
    const from = folders.filter((folder) => !allowed.has(folder)).map((folder) => `./src/${folder}/**`);
    if (!allowed.has("(root)")) {
      from.push(...ROOT_FILES);
    }
    return {
      target: `./src/${layer}/**`,
      from,
      message: `src/${layer} may import only ${[...allowed].filter((name) => name !== layer).join(", ") || "nothing else in src"} (the layer rules in eslint.layers.js).`,
    };
  });
  // A layer that may import every other one (cli) needs no zone.
  return zones.filter((zone) => zone.from.length > 0);
}
