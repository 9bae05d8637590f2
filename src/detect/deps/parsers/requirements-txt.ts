/**
 * requirements*.txt (pip's requirements file format,
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/). Each requirement line is
 * PEP 508; "\" continues a line; "#" starts a comment; option lines (-r, -c, -e, --index-url,
 * --hash on continuation lines) name no package and are skipped, as are bare URLs and paths.
 * Anything else that is not a requirement is an error naming the line.
 */
import { lockfileError } from "../lockfile-error.js";
import type { Package } from "../package.js";
import { parseRequirement } from "./pep508.js";

export function parseRequirementsTxt(text: string, file: string): Package[] {
  const packages: Package[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const startLine = index + 1;
    let logical = lines[index] ?? "";
    while (logical.endsWith("\\") && index + 1 < lines.length) {
      index++;
      logical = `${logical.slice(0, -1)} ${lines[index] ?? ""}`;
    }
    // A comment starts at "#" at the line's start or after whitespace (a URL fragment "#egg=" is not one).
    const withoutComment = logical.replace(/(^|\s)#.*$/, "").trim();
    if (withoutComment === "" || withoutComment.startsWith("-") || /^[a-z+]+:\/\//i.test(withoutComment) || /^[./~]/.test(withoutComment)) {
      continue;
    }
    // Per-requirement options ("--hash=sha256:…") follow the requirement on the same logical line.
    const requirementText = withoutComment.split(/\s--?[a-z]/i)[0] ?? withoutComment;
    const requirement = parseRequirement(requirementText);
    if (requirement === undefined) {
      throw lockfileError(file, `"${truncate(requirementText)}" is not a requirement (PEP 508)`, { line: startLine });
    }
    packages.push({
      ecosystem: "PyPI",
      name: requirement.name,
      ...(requirement.specifier === "" ? {} : { range: requirement.specifier }),
      ...(requirement.pinned === undefined ? {} : { version: requirement.pinned }),
      direct: true,
      line: startLine,
    });
  }
  return packages;
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
