/**
 * Every dependency file Custody reads, in ONE typed table (Renovate's manager registry): which
 * file names a parser takes, its ecosystem, whether it is a manifest (what the project asks for)
 * or a lockfile (what was resolved), and the parse function. A file name matches at most one
 * parser; the meta-test checks that and that every parser has fixtures.
 */
import type { Ecosystem, FileKind, Package } from "../package.js";
import { parseCargoLock } from "./cargo-lock.js";
import { parseCargoToml } from "./cargo-toml.js";
import { parseGoMod } from "./go-mod.js";
import { parseGoSum } from "./go-sum.js";
import { parsePackageJson } from "./package-json.js";
import { parsePackageLock } from "./package-lock.js";
import { parsePnpmLock } from "./pnpm-lock.js";
import { parsePoetryLock } from "./poetry-lock.js";
import { parsePomXml } from "./pom-xml.js";
import { parsePyprojectToml } from "./pyproject-toml.js";
import { parseRequirementsTxt } from "./requirements-txt.js";
import { parseYarnLock } from "./yarn-lock.js";

export interface LockfileParser {
  /** Kebab-case id; also the name of the parser's file and of its fixtures. */
  id: string;
  ecosystem: Ecosystem;
  kind: FileKind;
  /** Tested against the file's base name (no directories). Constant patterns only. */
  fileName: RegExp;
  parse(text: string, file: string): Package[];
}

export const LOCKFILE_PARSERS = [
  { id: "package-json", ecosystem: "npm", kind: "manifest", fileName: /^package\.json$/, parse: parsePackageJson },
  { id: "package-lock", ecosystem: "npm", kind: "lockfile", fileName: /^(package-lock|npm-shrinkwrap)\.json$/, parse: parsePackageLock },
  { id: "pnpm-lock", ecosystem: "npm", kind: "lockfile", fileName: /^pnpm-lock\.yaml$/, parse: parsePnpmLock },
  { id: "yarn-lock", ecosystem: "npm", kind: "lockfile", fileName: /^yarn\.lock$/, parse: parseYarnLock },
  { id: "requirements-txt", ecosystem: "PyPI", kind: "manifest", fileName: /^requirements[\w.-]*\.txt$/, parse: parseRequirementsTxt },
  { id: "pyproject-toml", ecosystem: "PyPI", kind: "manifest", fileName: /^pyproject\.toml$/, parse: parsePyprojectToml },
  { id: "poetry-lock", ecosystem: "PyPI", kind: "lockfile", fileName: /^poetry\.lock$/, parse: parsePoetryLock },
  { id: "go-mod", ecosystem: "Go", kind: "manifest", fileName: /^go\.mod$/, parse: parseGoMod },
  { id: "go-sum", ecosystem: "Go", kind: "lockfile", fileName: /^go\.sum$/, parse: parseGoSum },
  { id: "cargo-toml", ecosystem: "crates.io", kind: "manifest", fileName: /^Cargo\.toml$/, parse: parseCargoToml },
  { id: "cargo-lock", ecosystem: "crates.io", kind: "lockfile", fileName: /^Cargo\.lock$/, parse: parseCargoLock },
  { id: "pom-xml", ecosystem: "Maven", kind: "manifest", fileName: /^pom\.xml$/, parse: parsePomXml },
] as const satisfies readonly LockfileParser[];

/** The parser for a path, by its base name, or undefined when Custody does not read that file. */
export function parserFor(path: string): LockfileParser | undefined {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return LOCKFILE_PARSERS.find((parser) => parser.fileName.test(base));
}
