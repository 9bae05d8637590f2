/**
 * deps/denied-license: an added or changed package is licensed only under licences the policy
 * denies (`denied_licenses`, SPDX ids). "MIT OR GPL-3.0-only" is not denied when only GPL is.
 */
import { deniedLicences } from "../spdx-expression.js";
import { describePackage, incoming, packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

export const deniedLicenseRule: DepsRule = {
  meta: {
    id: "deps/denied-license",
    category: "dependency",
    severity: "high",
    description: "An added or updated package uses a licence the policy denies.",
  },
  check: ({ diff, options }) => {
    if (options.denied_licenses.length === 0) {
      return [];
    }
    const denied = new Set(options.denied_licenses.map((id) => id.toLowerCase()));
    const hits: DepsHit[] = [];
    for (const item of incoming(diff)) {
      if (item.license === undefined) {
        continue;
      }
      const bad = deniedLicences(item.license, denied);
      if (bad.length > 0) {
        hits.push({
          package: item,
          discriminator: `${item.version ?? item.range ?? ""} ${item.license}`,
          message: `${describePackage(item)} is licensed under ${item.license}, which the policy denies (${bad.join(", ")}).`,
          properties: { ...packageProperties(item), license: item.license, denied: bad },
        });
      }
    }
    return hits;
  },
};
