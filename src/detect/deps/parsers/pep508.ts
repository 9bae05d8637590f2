/**
 * The part of a PEP 508 requirement Custody needs: the name, the version specifier and whether
 * it pins one exact version (`==1.2.3`, not `==1.*`). Markers after ";" and extras in "[...]" are
 * recognised and dropped. Returns undefined for text that is not a requirement.
 * (https://packaging.python.org/en/latest/specifications/dependency-specifiers/)
 */

export interface Requirement {
  name: string;
  /** Specifier as written, whitespace removed (`>=2.28,<3`); "" when unconstrained; the URL for `name @ url`. */
  specifier: string;
  /** The version of an `==` or `===` pin without wildcard. */
  pinned?: string;
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;
const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9.*+!_-]+)$/;

export function parseRequirement(text: string): Requirement | undefined {
  const semicolon = text.indexOf(";");
  const body = (semicolon === -1 ? text : text.slice(0, semicolon)).trim();
  const nameMatch = NAME.exec(body);
  if (nameMatch?.[1] === undefined) {
    return undefined;
  }
  const name = nameMatch[1];
  let rest = body.slice(nameMatch[0].length).trim();
  if (rest.startsWith("@")) {
    const url = rest.slice(1).trim();
    return url === "" ? undefined : { name, specifier: url };
  }
  // "name (>=1.0)" is the older parenthesised form.
  if (rest.startsWith("(") && rest.endsWith(")")) {
    rest = rest.slice(1, -1).trim();
  }
  if (rest === "") {
    return { name, specifier: "" };
  }
  const clauses = rest.split(",").map((clause) => clause.trim());
  let pinned: string | undefined;
  for (const clause of clauses) {
    const match = CLAUSE.exec(clause);
    if (match?.[1] === undefined || match[2] === undefined) {
      return undefined;
    }
    if ((match[1] === "==" || match[1] === "===") && !match[2].includes("*")) {
      pinned = match[2];
    }
  }
  return { name, specifier: clauses.join(","), ...(pinned === undefined ? {} : { pinned }) };
}
