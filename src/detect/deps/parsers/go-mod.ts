/**
 * go.mod (https://go.dev/ref/mod#go-mod-file): `require` directives, single or in a block.
 * A requirement marked `// indirect` is transitive; the rest are direct. Other directives
 * (module, go, toolchain, replace, exclude, retract, tool, godebug) name no required module.
 * A require line that is not "path version" is an error naming its line.
 * The Go toolchain is reported as the module "stdlib", as the Go vulnerability database names it
 * (GO-2023-2102 and most Go advisories are against the standard library): from `toolchain go1.21.6`,
 * else from a three-part `go 1.21.6` line (a two-part "go 1.21" names no release).
 */
import { lockfileError } from "../lockfile-error.js";
import type { Package } from "../package.js";

const DIRECTIVES = new Set(["module", "go", "toolchain", "require", "replace", "exclude", "retract", "tool", "godebug", "ignore"]);
const REQUIREMENT = /^("[^"]+"|\S+)\s+(v\S+)$/;

export function parseGoMod(text: string, file: string): Package[] {
  const packages: Package[] = [];
  let toolchain: Package | undefined;
  let goLine: Package | undefined;
  let block: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? "";
    const commentAt = raw.indexOf("//");
    const comment = commentAt === -1 ? "" : raw.slice(commentAt + 2).trim();
    const code = (commentAt === -1 ? raw : raw.slice(0, commentAt)).trim();
    if (code === "") {
      continue;
    }
    const line = index + 1;
    if (block !== undefined) {
      if (code === ")") {
        block = undefined;
        continue;
      }
      if (block === "require") {
        packages.push(requirement(code, comment, file, line));
      }
      continue;
    }
    const [directive = "", ...rest] = code.split(/\s+/);
    if (!DIRECTIVES.has(directive)) {
      throw lockfileError(file, `unknown directive "${directive}"`, { line });
    }
    const argument = rest.join(" ");
    if (argument === "(") {
      block = directive;
      continue;
    }
    if (directive === "require") {
      packages.push(requirement(argument, comment, file, line));
    } else if (directive === "toolchain" && /^go\d+\.\d+\.\d+$/.test(argument)) {
      toolchain = { ecosystem: "Go", name: "stdlib", version: `v${argument.slice(2)}`, direct: true, line };
    } else if (directive === "go" && /^\d+\.\d+\.\d+$/.test(argument)) {
      goLine = { ecosystem: "Go", name: "stdlib", version: `v${argument}`, direct: true, line };
    }
  }
  if (block !== undefined) {
    throw lockfileError(file, `"${block} (" block is never closed`);
  }
  const stdlib = toolchain ?? goLine;
  return stdlib === undefined ? packages : [...packages, stdlib];
}

function requirement(code: string, comment: string, file: string, line: number): Package {
  const match = REQUIREMENT.exec(code);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw lockfileError(file, `"${code}" is not "module/path vX.Y.Z"`, { line });
  }
  return {
    ecosystem: "Go",
    name: match[1].replace(/^"|"$/g, ""),
    version: match[2],
    direct: !/(^|;)\s*indirect\s*(;|$)/.test(comment),
    line,
  };
}
