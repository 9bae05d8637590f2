/**
 * go.sum: "module version[/go.mod] h1:hash" lines. A module with only a "/go.mod" line was read
 * for the module graph but never downloaded into the build, so only modules with a full
 * checksum are packages. go.sum does not say which are direct; go.mod does.
 */
import { lockfileError } from "../lockfile-error.js";
import type { Package } from "../package.js";

const LINE = /^(\S+)\s+(v\S+?)(\/go\.mod)?\s+h\d:[A-Za-z0-9+/=]+$/;

export function parseGoSum(text: string, file: string): Package[] {
  const packages: Package[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] ?? "").trim();
    if (raw === "") {
      continue;
    }
    const match = LINE.exec(raw);
    if (match?.[1] === undefined || match[2] === undefined) {
      throw lockfileError(file, 'not a "module version h1:hash" line', { line: index + 1 });
    }
    const id = `${match[1]}@${match[2]}`;
    if (match[3] !== undefined || seen.has(id)) {
      continue;
    }
    seen.add(id);
    packages.push({ ecosystem: "Go", name: match[1], version: match[2], direct: false, line: index + 1 });
  }
  return packages;
}
