/** deps/added: inventory of every package the change adds, so reviewers see what came in. */
import { describePackage, packageProperties, type DepsRule } from "./deps-rule.js";

export const addedRule: DepsRule = {
  meta: {
    id: "deps/added",
    category: "dependency",
    severity: "info",
    description: "A package was added (directly or transitively); inventory for the reviewer.",
  },
  check: ({ diff }) =>
    diff.added.map((item) => ({
      package: item,
      message: `Adds ${item.direct ? "direct" : "transitive"}${item.dev === true ? " dev" : ""} dependency ${describePackage(item)}.`,
      properties: packageProperties(item),
    })),
};
