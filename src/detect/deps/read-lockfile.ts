/**
 * Reads one manifest or lockfile into a PackageSet with the parser the file name selects.
 * Throws CustodyError LOCKFILE_INVALID for a file it has no parser for or cannot parse.
 */
import { lockfileError } from "./lockfile-error.js";
import type { PackageSet } from "./package.js";
import { parserFor } from "./parsers/index.js";

export function readLockfile(path: string, text: string): PackageSet {
  const parser = parserFor(path);
  if (parser === undefined) {
    throw lockfileError(path, "Custody has no parser for this file name");
  }
  // A BOM would make JSON.parse fail on an otherwise valid file written by some Windows editors.
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return { file: path, ecosystem: parser.ecosystem, kind: parser.kind, packages: parser.parse(body, path) };
}
