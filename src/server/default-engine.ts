/**
 * The production wiring of the pull request check: the provenance registry classifies, and the
 * engine (`runCheck`) judges the change under the policy read from the base revision
 * (`.github/custody.yml`, else the defaults). Loaded lazily so the webhook server starts, and
 * records deliveries, even before a check is first needed.
 */
import type { Change, Snapshot } from "../model/change.js";
import type { ChangeProvenance } from "../model/provenance.js";
import type { Verdict } from "../model/verdict.js";
import { DEFAULT_POLICY_PATHS, defaultPolicy, parsePolicy } from "../policy/index.js";
import { buildRegistry, classifyChange } from "../provenance/index.js";
import type { EngineRun } from "./pull-request-check.js";

export function defaultClassify(change: Change): ChangeProvenance {
  return classifyChange(change, buildRegistry());
}

async function policyAt(base: Snapshot): Promise<ReturnType<typeof defaultPolicy>> {
  for (const path of DEFAULT_POLICY_PATHS) {
    const bytes = await base.read(path);
    if (bytes !== undefined) {
      return parsePolicy(bytes.toString("utf8"), path);
    }
  }
  return defaultPolicy();
}

export const defaultEngine: EngineRun = async (input: { change: Change; base: Snapshot; head: Snapshot }): Promise<Verdict> => {
  const { runCheck } = await import("../engine/run-check.js");
  const policy = await policyAt(input.base);
  return (await runCheck({ change: input.change, base: input.base, head: input.head, policy })).verdict;
};
