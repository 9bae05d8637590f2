/**
 * CVSS v3.0/v3.1 base score from a vector string ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
 * by the formula in the CVSS v3.1 specification, section 7
 * (https://www.first.org/cvss/v3.1/specification-document), and its qualitative rating
 * (section 5): None 0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0.
 * Returns undefined for anything that is not a complete v3 base vector.
 */

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

function privileges(value: string, scopeChanged: boolean): number | undefined {
  switch (value) {
    case "N":
      return 0.85;
    case "L":
      return scopeChanged ? 0.68 : 0.62;
    case "H":
      return scopeChanged ? 0.5 : 0.27;
    default:
      return undefined;
  }
}

/** CVSS v3.1 Roundup (Appendix A): the smallest one-decimal number >= input, free of float noise. */
function roundUp(value: number): number {
  const integer = Math.round(value * 100000);
  return integer % 10000 === 0 ? integer / 100000 : (Math.floor(integer / 10000) + 1) / 10;
}

function pick(table: Readonly<Record<string, number>>, key: string | undefined): number | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

export function cvssV3BaseScore(vector: string): number | undefined {
  const parts = vector.split("/");
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? "")) {
    return undefined;
  }
  const metrics = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const [key, value] = part.split(":");
    if (key !== undefined && value !== undefined) {
      metrics.set(key, value);
    }
  }
  const scope = metrics.get("S");
  if (scope !== "U" && scope !== "C") {
    return undefined;
  }
  const changed = scope === "C";
  const av = pick(WEIGHTS.AV, metrics.get("AV"));
  const ac = pick(WEIGHTS.AC, metrics.get("AC"));
  const ui = pick(WEIGHTS.UI, metrics.get("UI"));
  const pr = privileges(metrics.get("PR") ?? "", changed);
  const c = pick(WEIGHTS.CIA, metrics.get("C"));
  const i = pick(WEIGHTS.CIA, metrics.get("I"));
  const a = pick(WEIGHTS.CIA, metrics.get("A"));
  if (
    av === undefined ||
    ac === undefined ||
    ui === undefined ||
    pr === undefined ||
    c === undefined ||
    i === undefined ||
    a === undefined
  ) {
    return undefined;
  }
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) {
    return 0;
  }
  return changed ? roundUp(Math.min(1.08 * (impact + exploitability), 10)) : roundUp(Math.min(impact + exploitability, 10));
}
