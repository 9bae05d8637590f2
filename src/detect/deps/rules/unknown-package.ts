/**
 * deps/unknown-package: a newly added direct dependency whose name may not be what it seems — a
 * name an agent invented ("hallucinated" packages, which attackers register once they see agents
 * ask for them), or one born yesterday.
 * - With a registry configured (`detectors.deps.registry`): a name the registry does not know is
 *   high; one first published fewer than `min_age_days` ago is high; one with fewer than
 *   `min_downloads` downloads a month is medium.
 * - Offline: an npm or PyPI name absent from the popularity table whose lockfile entry does not
 *   show it resolved from the public registry is info — worth a look, not proof of anything.
 */
import { normalizeName, type Package } from "../package.js";
import { popularityTable } from "../typosquat/popularity.js";
import { describePackage, packageProperties, type DepsHit, type DepsRule } from "./deps-rule.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const PUBLIC_REGISTRY = /^https:\/\/(registry\.npmjs\.org|registry\.yarnpkg\.com|files\.pythonhosted\.org|pypi\.org)\//;
const OFFLINE_ECOSYSTEMS = new Set(["npm", "PyPI"]);

export const unknownPackageRule: DepsRule = {
  meta: {
    id: "deps/unknown-package",
    category: "dependency",
    severity: "high",
    description: "A newly added package does not exist in its registry, was published only days ago, or is barely used.",
  },
  check: ({ diff, present, options, registry, registryProblem }) => {
    const hits: DepsHit[] = [];
    const direct = diff.added.filter((item) => item.direct);
    if (registryProblem !== undefined && direct.length > 0) {
      return [
        {
          message: `Added package names were not checked against the registry: ${registryProblem}`,
          severity: "low",
          properties: { problem: registryProblem },
        },
      ];
    }
    const settings = options.registry;
    for (const item of direct) {
      const facts = registry?.get(item.ecosystem, item.name);
      if (registry !== undefined && settings !== undefined) {
        if (facts === undefined) {
          continue;
        }
        const where = registry.source;
        if (!facts.exists) {
          hits.push(
            hit(
              item,
              `${describePackage(item)} does not exist on ${where}: a name nobody published, perhaps invented by an agent, that anyone can register.`,
              "high",
              { exists: false },
            ),
          );
          continue;
        }
        const ageDays = facts.created === undefined ? undefined : Math.floor((Date.now() - Date.parse(facts.created)) / DAY_MS);
        if (ageDays !== undefined && ageDays < settings.min_age_days) {
          hits.push(
            hit(
              item,
              `${describePackage(item)} was first published ${String(ageDays)} day${ageDays === 1 ? "" : "s"} ago (${facts.created ?? ""}), under the policy's ${String(settings.min_age_days)}: check who published it before depending on it.`,
              "high",
              { created: facts.created, age_days: ageDays },
            ),
          );
        } else if (facts.downloads !== undefined && facts.downloads < settings.min_downloads) {
          hits.push(
            hit(
              item,
              `${describePackage(item)} has ${String(facts.downloads)} downloads a month, under the policy's ${String(settings.min_downloads)}: barely used, so nobody else has vetted it.`,
              "medium",
              { downloads: facts.downloads },
            ),
          );
        }
        continue;
      }
      if (
        !OFFLINE_ECOSYSTEMS.has(item.ecosystem) ||
        popularityTable(item.ecosystem).values.has(normalizeName(item.ecosystem, item.name).toLowerCase()) ||
        fromPublicRegistry(item, present)
      ) {
        continue;
      }
      hits.push(
        hit(
          item,
          `${describePackage(item)} is not among the ${popularityTable(item.ecosystem).values.size.toLocaleString("en-US")} most used ${item.ecosystem} packages and no lockfile shows it resolved from the public registry: check that it exists and is the package you meant.`,
          "info",
          { in_popularity_table: false },
        ),
      );
    }
    return hits;
  },
};

function hit(item: Package, message: string, severity: DepsHit["severity"], extra: Record<string, unknown>): DepsHit {
  return { package: item, message, ...(severity === undefined ? {} : { severity }), properties: { ...packageProperties(item), ...extra } };
}

function fromPublicRegistry(item: Package, present: readonly Package[]): boolean {
  const name = normalizeName(item.ecosystem, item.name);
  return [item, ...present].some(
    (other) =>
      other.ecosystem === item.ecosystem &&
      normalizeName(other.ecosystem, other.name) === name &&
      other.resolved !== undefined &&
      PUBLIC_REGISTRY.test(other.resolved),
  );
}
