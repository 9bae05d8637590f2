/** deps/removed: inventory of packages the change removes (located in the base file). */
import { describePackage, packageProperties, type DepsRule } from "./deps-rule.js";

export const removedRule: DepsRule = {
  meta: {
    id: "deps/removed",
    category: "dependency",
    severity: "info",
    description: "A package was removed; inventory for the reviewer.",
  },
  check: ({ diff }) =>
    diff.removed.map((item) => ({
      package: item,
      side: "base",
      message: `Removes ${item.direct ? "direct" : "transitive"} dependency ${describePackage(item)}.`,
      properties: packageProperties(item),
    })),
};
