/**
 * Cargo.toml (https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html):
 * `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, the same under
 * `[target.<cfg>]`, and `[workspace.dependencies]`. An entry is a version requirement string or a
 * table (`version`, `package` for a renamed crate, `path`/`git` for non-registry sources).
 * A requirement "=1.2.3" pins one version; a bare "1.2.3" means "^1.2.3" in Cargo.
 */
import { z } from "zod";
import { parseWith } from "../lockfile-error.js";
import type { Package } from "../package.js";
import { parseTomlFile } from "./toml-file.js";

const dependency = z.union([
  z.string(),
  z.looseObject({
    version: z.string().optional(),
    package: z.string().optional(),
    path: z.string().optional(),
    git: z.string().optional(),
    workspace: z.boolean().optional(),
  }),
]);
const dependencyTable = z.record(z.string(), dependency).optional();
const sections = {
  dependencies: dependencyTable,
  "dev-dependencies": dependencyTable,
  "build-dependencies": dependencyTable,
};

const cargoSchema = z.looseObject({
  ...sections,
  target: z.record(z.string(), z.looseObject(sections)).optional(),
  workspace: z.looseObject({ dependencies: dependencyTable }).optional(),
});

type Table = z.infer<typeof dependencyTable>;

export function parseCargoToml(text: string, file: string): Package[] {
  const manifest = parseWith(cargoSchema, parseTomlFile(text, file), file);
  const packages: Package[] = [];
  const add = (table: Table, dev: boolean): void => {
    for (const [key, value] of Object.entries(table ?? {})) {
      const spec = typeof value === "string" ? { version: value } : value;
      // Path and git dependencies are not from crates.io; workspace ones are declared elsewhere.
      if (spec.path !== undefined || spec.git !== undefined || spec.workspace === true) {
        continue;
      }
      const name = spec.package ?? key;
      const pinned = spec.version?.startsWith("=") === true ? spec.version.slice(1).trim() : undefined;
      packages.push({
        ecosystem: "crates.io",
        name,
        ...(spec.version === undefined ? {} : { range: spec.version }),
        ...(pinned === undefined ? {} : { version: pinned }),
        direct: true,
        dev,
        anchor: `${key} =`,
      });
    }
  };
  add(manifest.dependencies, false);
  add(manifest["build-dependencies"], false);
  add(manifest["dev-dependencies"], true);
  for (const target of Object.values(manifest.target ?? {})) {
    add(target.dependencies, false);
    add(target["build-dependencies"], false);
    add(target["dev-dependencies"], true);
  }
  add(manifest.workspace?.dependencies, false);
  return packages;
}
