/**
 * deps/install-script: an added or changed package runs a script at install time (npm
 * `hasInstallScript`, pnpm `requiresBuild`) — code that runs on developer and CI machines before
 * any review of the package. A changed package is reported only when the script is new to it.
 */
import { describePackage, packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

export const installScriptRule: DepsRule = {
  meta: {
    id: "deps/install-script",
    category: "dependency",
    severity: "medium",
    description: "An added or updated package runs an install script (preinstall/install/postinstall).",
  },
  check: ({ diff }) => {
    const hits: DepsHit[] = [];
    const candidates = [
      ...diff.added.map((item) => ({ item, before: false })),
      ...diff.changed.map((change) => ({ item: change.after, before: change.before.hasInstallScript === true })),
    ];
    for (const { item, before } of candidates) {
      if (item.hasInstallScript === true && !before) {
        hits.push({
          package: item,
          message: `${describePackage(item)} runs an install script when installed.`,
          discriminator: item.version ?? item.range ?? "",
          properties: packageProperties(item),
        });
      }
    }
    return hits;
  },
};
