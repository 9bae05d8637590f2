/**
 * The values every dependency parser produces and every rule reads: one package as a manifest
 * or lockfile records it, and the set parsed from one file. Ecosystem names are OSV's
 * (https://ossf.github.io/osv-schema/#affectedpackage-field) so advisories match without mapping.
 */

export const ECOSYSTEMS = ["npm", "PyPI", "Go", "crates.io", "Maven"] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export interface Package {
  ecosystem: Ecosystem;
  /** As the ecosystem spells it: `@types/node`, `requests`, `golang.org/x/net`, `org.apache:commons-text`. */
  name: string;
  /** The exact version, when the file pins or resolves one. */
  version?: string;
  /** The requested range, when the file is a manifest (`^4.17.0`, `>=2.28`). */
  range?: string;
  /** Declared by the project itself rather than pulled in by another package. */
  direct: boolean;
  dev?: boolean;
  /** The lockfile records that installing it runs a script (npm `hasInstallScript`, pnpm `requiresBuild`). */
  hasInstallScript?: boolean;
  /** SPDX expression as the file records it. */
  license?: string;
  /** Where it was resolved from (tarball URL, registry, git source). */
  resolved?: string;
  /** Names of the packages it depends on, when the lockfile records them (the graph that lets a
   * direct addition carry the transitive packages it brought in). */
  requires?: string[];
  /** 1-based line in the file where the package appears, when the parser knows it cheaply. */
  line?: number;
  /** Text that appears verbatim where the package is declared; the detector finds its line
   * only for packages it reports (cheaper than locating every package of a large lockfile). */
  anchor?: string;
}

export type FileKind = "manifest" | "lockfile";

export interface PackageSet {
  /** Repository-relative path of the file parsed. */
  file: string;
  ecosystem: Ecosystem;
  kind: FileKind;
  packages: Package[];
}

/** Identity of a package across files and revisions; PyPI names compare after PEP 503
 * normalisation because `Django`, `django` and `django_` … are the same project there. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\u0000${normalizeName(ecosystem, name)}`;
}

/** PEP 503 for PyPI (lower case, runs of `-_.` become `-`); npm, crates.io and Maven names are
 * compared as written except crates.io, where `-` and `_` name the same crate. */
export function normalizeName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case "PyPI":
      return name.toLowerCase().replace(/[-_.]+/g, "-");
    case "crates.io":
      return name.replace(/_/g, "-");
    case "npm":
    case "Go":
    case "Maven":
      return name;
  }
}
