/**
 * The production wiring of the pull request check: the provenance registry classifies, and the
 * engine (`runCheck`) judges the change under the policy read from the base revision
 * (`.github/custody.yml`, else the defaults). Loaded lazily so the webhook server starts, and
 * records deliveries, even before a check is first needed.
 */
import type { Change, Snapshot } from "../model/change.js";
import type { ChangeProvenance } from "../model/provenance.js";
import type { Verdict } from "../model/verdict.js";
import { buildRegistry, classifyChange } from "../provenance/index.js";
import type { EngineRun } from "./pull-request-check.js";

export function defaultClassify(change: Change): ChangeProvenance {
  return classifyChange(change, buildRegistry());
}

export const defaultEngine: EngineRun = async (input: { change: Change; base: Snapshot; head: Snapshot }): Promise<Verdict> => {
  const { runCheck } = await import("../engine/run-check.js");
  // No policy given: runCheck reads the policy and CODEOWNERS at the base through the one loader,
  // and the verdict names the policy's source and blob sha.
  return (await runCheck({ change: input.change, base: input.base, head: input.head })).verdict;
};
