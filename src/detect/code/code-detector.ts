/**
 * The code detector (`detectors.code`): taint analysis of the JavaScript/TypeScript files a
 * change touches. It reads the changed files from the head snapshot, follows their relative
 * imports a bounded number of hops (so flows through helpers in unchanged files are seen),
 * runs `analyzeFiles`, and keeps the findings whose sink or source lies in a changed file.
 * Binary and deleted files are skipped; a file that cannot be read as text is skipped too.
 */
import type { Detector, DetectorInput } from "../../model/detector.js";
import type { Finding } from "../../model/finding.js";
import type { SourceFile } from "./analyze-files.js";
import { analyzeFiles } from "./analyze-files.js";
import { candidatePaths } from "./import-candidates.js";
import type { CodeOptions } from "./options.js";
import { codeOptionsSchema } from "./options.js";
import { isAnalysableScript, parseModule } from "./parse-module.js";

function decode(bytes: Buffer): string | undefined {
  // A NUL byte means binary content whatever the extension says.
  return bytes.includes(0) ? undefined : bytes.toString("utf8");
}

async function collectFiles(input: DetectorInput<CodeOptions>, options: CodeOptions, changed: readonly string[]): Promise<SourceFile[]> {
  const files = new Map<string, SourceFile>();
  let frontier: string[] = [];
  for (const path of changed) {
    const bytes = await input.head.read(path);
    const text = bytes === undefined ? undefined : decode(bytes);
    if (text !== undefined) {
      files.set(path, { path, text });
      frontier.push(path);
    }
  }
  for (let depth = 0; depth < options.import_depth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      const file = files.get(path);
      if (file === undefined || Buffer.byteLength(file.text) > options.max_file_bytes) {
        continue;
      }
      const parsed = parseModule(path, file.text);
      if (!parsed.ok) {
        continue;
      }
      for (const specifier of parsed.specifiers) {
        for (const candidate of candidatePaths(path, specifier)) {
          if (files.has(candidate) || files.size >= options.max_files || !isAnalysableScript(candidate)) {
            continue;
          }
          const bytes = await input.head.read(candidate);
          const text = bytes === undefined ? undefined : decode(bytes);
          if (text !== undefined) {
            files.set(candidate, { path: candidate, text });
            next.push(candidate);
          }
        }
      }
    }
    frontier = next;
  }
  return [...files.values()];
}

function inChanged(finding: Finding, changed: ReadonlySet<string>): boolean {
  if (finding.location !== undefined && changed.has(finding.location.path)) {
    return true;
  }
  const source = finding.flows?.[0]?.[0]?.location.path;
  return source !== undefined && changed.has(source);
}

export const codeDetector: Detector<CodeOptions> = {
  id: "code",
  description:
    "Taint analysis of changed JavaScript/TypeScript: user input reaching SSRF, SQL, shell, file, HTML, redirect, prototype and eval sinks.",
  optionsSchema: codeOptionsSchema,
  async run(input: DetectorInput<CodeOptions>): Promise<Finding[]> {
    const { options } = input;
    const changed = input.change.files
      .filter((file) => file.status !== "deleted" && !file.binary && isAnalysableScript(file.path))
      .map((file) => file.path)
      .slice(0, options.max_files);
    if (changed.length === 0) {
      return [];
    }
    const files = await collectFiles(input, options, changed);
    const changedSet = new Set(changed);
    return analyzeFiles(files, options).filter((finding) => inChanged(finding, changedSet));
  },
};
