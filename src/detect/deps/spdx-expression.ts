/**
 * Is an SPDX licence expression denied by the policy? Parsed with spdx-expression-parse and
 * judged with spdx-satisfies, the SPDX tools npm itself relies on: the expression is denied when
 * no way of satisfying it avoids every denied licence. "MIT OR GPL-3.0-only" can be taken as MIT
 * and passes; "(MIT OR Apache-2.0) AND GPL-3.0-only" imposes GPL-3.0-only whichever side is
 * chosen and is denied. "WITH exception" keeps the licence it modifies ("GPL-3.0-only WITH
 * Classpath-exception-2.0" is GPL-3.0-only), and ids compare case-insensitively as the policy
 * names them ("GPL-2.0+" and "GPL-2.0-or-later" are distinct ids, as SPDX has them).
 *
 * A licence field that is not a valid expression ("SEE LICENSE IN …", a lower-case id) is taken
 * as one licence named by the whole text, so a denied id written carelessly is still caught.
 */
import parse from "spdx-expression-parse";
import satisfies from "spdx-satisfies";

type Node = parse.Info;

function terms(node: Node, out: parse.LicenseInfo[] = []): parse.LicenseInfo[] {
  if ("license" in node) {
    out.push(node);
  } else {
    terms(node.left, out);
    terms(node.right, out);
  }
  return out;
}

const text = (term: parse.LicenseInfo): string =>
  `${term.license}${term.plus === true ? "+" : ""}${term.exception === undefined ? "" : ` WITH ${term.exception}`}`;
const idOf = (term: parse.LicenseInfo): string => `${term.license}${term.plus === true ? "+" : ""}`;

/** The denied licences the expression cannot avoid (empty when it is acceptable). `denied`
 * holds lower-case ids. */
export function deniedLicences(expression: string, denied: ReadonlySet<string>): string[] {
  let tree: Node;
  try {
    tree = parse(expression.trim());
  } catch {
    return denied.has(expression.trim().toLowerCase()) ? [expression.trim()] : [];
  }
  const all = terms(tree);
  const bad = all.filter((term) => denied.has(idOf(term).toLowerCase()));
  if (bad.length === 0) {
    return [];
  }
  const allowed = [...new Set(all.filter((term) => !bad.includes(term)).map(text))];
  if (allowed.length > 0 && satisfies(expression.trim(), allowed)) {
    return [];
  }
  return [...new Set(bad.map(idOf))];
}
