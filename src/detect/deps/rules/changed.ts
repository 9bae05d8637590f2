/** deps/changed: inventory of version (or range) changes of packages present before and after. */
import { packageProperties, type DepsRule } from "./deps-rule.js";

export const changedRule: DepsRule = {
  meta: {
    id: "deps/changed",
    category: "dependency",
    severity: "info",
    description: "A package changed version or range; inventory for the reviewer.",
  },
  check: ({ diff }) =>
    diff.changed.map(({ before, after }) => ({
      package: after,
      message: `Changes ${after.ecosystem} package ${after.name} from ${before.version ?? before.range ?? "unversioned"} to ${after.version ?? after.range ?? "unversioned"}.`,
      discriminator: before.version ?? before.range ?? "",
      properties: { ...packageProperties(after), from: before.version ?? before.range },
    })),
};
