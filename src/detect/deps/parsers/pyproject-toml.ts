/**
 * pyproject.toml: PEP 621 `[project]` dependencies and optional-dependencies, PEP 735
 * `[dependency-groups]` (dev), and Poetry's `[tool.poetry.dependencies]`, `dev-dependencies` and
 * `group.<name>.dependencies` (dev). Poetry's "python" entry is the interpreter, not a package.
 */
import { z } from "zod";
import { lockfileError, parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";
import { parseRequirement } from "./pep508.js";
import { parseTomlFile } from "./toml-file.js";

const poetryDependency = z.union([
  z.string(),
  z.looseObject({ version: z.string().optional() }),
  z.array(z.looseObject({ version: z.string().optional() })),
]);
const poetryMap = z.record(z.string(), poetryDependency).optional();

const pyprojectSchema = z.looseObject({
  project: z
    .looseObject({
      dependencies: z.array(z.string()).optional(),
      "optional-dependencies": z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
  // Groups may include other groups ({ include-group = "x" }): those are not packages.
  "dependency-groups": z.record(z.string(), z.array(z.union([z.string(), z.looseObject({})]))).optional(),
  tool: z
    .looseObject({
      poetry: z
        .looseObject({
          dependencies: poetryMap,
          "dev-dependencies": poetryMap,
          group: z.record(z.string(), z.looseObject({ dependencies: poetryMap })).optional(),
        })
        .optional(),
    })
    .optional(),
});

export function parsePyprojectToml(text: string, file: string): Package[] {
  const pyproject = parseWith(pyprojectSchema, parseTomlFile(text, file), file);
  const packages: Package[] = [];
  const addPep508 = (specs: readonly (string | object)[], dev: boolean, key: string): void => {
    for (const spec of specs) {
      if (typeof spec !== "string") {
        continue;
      }
      const requirement = parseRequirement(spec);
      if (requirement === undefined) {
        throw lockfileError(file, `"${spec}" is not a requirement (PEP 508)`, { key });
      }
      packages.push({
        ecosystem: "PyPI",
        name: requirement.name,
        ...(requirement.specifier === "" ? {} : { range: requirement.specifier }),
        ...(requirement.pinned === undefined ? {} : { version: requirement.pinned }),
        direct: true,
        dev,
        anchor: `"${requirement.name}`,
      });
    }
  };
  addPep508(pyproject.project?.dependencies ?? [], false, "project.dependencies");
  for (const [extra, specs] of Object.entries(pyproject.project?.["optional-dependencies"] ?? {})) {
    addPep508(specs, false, `project.optional-dependencies.${extra}`);
  }
  for (const [group, specs] of Object.entries(pyproject["dependency-groups"] ?? {})) {
    addPep508(specs, true, `dependency-groups.${group}`);
  }
  const poetry = pyproject.tool?.poetry;
  const addPoetry = (map: z.infer<typeof poetryMap>, dev: boolean): void => {
    for (const [name, value] of Object.entries(map ?? {})) {
      if (name.toLowerCase() === "python") {
        continue;
      }
      const constraint = typeof value === "string" ? value : Array.isArray(value) ? value[0]?.version : value.version;
      const pinned = constraint !== undefined && /^=?=?\d[\w.]*$/.test(constraint) ? constraint.replace(/^=+/, "") : undefined;
      packages.push({
        ecosystem: "PyPI",
        name,
        ...(constraint === undefined ? {} : { range: constraint }),
        ...(pinned === undefined ? {} : { version: pinned }),
        direct: true,
        dev,
        anchor: `${name} =`,
      });
    }
  };
  addPoetry(poetry?.dependencies, false);
  addPoetry(poetry?.["dev-dependencies"], true);
  for (const group of Object.values(poetry?.group ?? {})) {
    addPoetry(group.dependencies, true);
  }
  return packages;
}
