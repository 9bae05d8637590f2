/**
 * SARIF in: findings from CodeQL, Semgrep or any SARIF 2.1.0 producer, merged into `check`.
 * Their rule ids, locations and code flows are kept; the producing tool's name goes in
 * `Finding.tool`. The file is untrusted input: parsed once with a zod schema that accepts
 * what SARIF allows and ignores what we don't use; a malformed file is a SARIF_INVALID error
 * naming the file and the first bad field.
 */
import { z } from "zod";
import { CustodyError } from "../../model/errors.js";
import type { Finding, FlowStep, Location } from "../../model/finding.js";
import { fingerprint } from "../../model/fingerprint.js";
import type { Severity } from "../../model/severity.js";

const messageSchema = z.object({
  text: z.string().optional(),
  markdown: z.string().optional(),
  id: z.string().optional(),
  arguments: z.array(z.string()).optional(),
});

const regionSchema = z.object({
  startLine: z.number().int().optional(),
  startColumn: z.number().int().optional(),
  endLine: z.number().int().optional(),
  endColumn: z.number().int().optional(),
});

const locationSchema = z.object({
  physicalLocation: z
    .object({
      artifactLocation: z
        .object({ uri: z.string().optional(), uriBaseId: z.string().optional(), index: z.number().int().optional() })
        .optional(),
      region: regionSchema.optional(),
    })
    .optional(),
  message: messageSchema.optional(),
});

const ruleSchema = z.object({
  id: z.string(),
  shortDescription: messageSchema.optional(),
  messageStrings: z.record(z.string(), messageSchema).optional(),
  defaultConfiguration: z.object({ level: z.enum(["none", "note", "warning", "error"]).optional() }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const resultSchema = z.object({
  ruleId: z.string().optional(),
  ruleIndex: z.number().int().optional(),
  rule: z.object({ id: z.string().optional(), index: z.number().int().optional() }).optional(),
  level: z.enum(["none", "note", "warning", "error"]).optional(),
  message: messageSchema,
  locations: z.array(locationSchema).optional(),
  partialFingerprints: z.record(z.string(), z.string()).optional(),
  fingerprints: z.record(z.string(), z.string()).optional(),
  codeFlows: z
    .array(z.object({ threadFlows: z.array(z.object({ locations: z.array(z.object({ location: locationSchema.optional() })) })) }))
    .optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

const sarifSchema = z.object({
  version: z.literal("2.1.0"),
  runs: z.array(
    z.object({
      tool: z.object({ driver: z.object({ name: z.string(), rules: z.array(ruleSchema).optional() }) }),
      results: z.array(resultSchema).optional(),
      artifacts: z.array(z.object({ location: z.object({ uri: z.string().optional() }).optional() })).optional(),
    }),
  ),
});

type SarifRule = z.infer<typeof ruleSchema>;
type SarifLocation = z.infer<typeof locationSchema>;
type SarifMessage = z.infer<typeof messageSchema>;

export function readSarif(text: string, file: string): Finding[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CustodyError(
      "SARIF_INVALID",
      `${file} is not valid JSON (${(error as Error).message}); pass a SARIF 2.1.0 file produced by CodeQL, Semgrep or another scanner.`,
      {
        position: { file },
      },
    );
  }
  const parsed = sarifSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join(".") ?? "";
    throw new CustodyError("SARIF_INVALID", `${file} is not a SARIF 2.1.0 log: ${issue?.message ?? "invalid"}${key ? ` at ${key}` : ""}.`, {
      position: { file, key },
    });
  }
  const findings: Finding[] = [];
  for (const run of parsed.data.runs) {
    const tool = run.tool.driver.name;
    const rules = run.tool.driver.rules ?? [];
    const artifacts = run.artifacts ?? [];
    for (const result of run.results ?? []) {
      const rule = findRule(rules, result.ruleId ?? result.rule?.id, result.ruleIndex ?? result.rule?.index);
      const ruleId = result.ruleId ?? result.rule?.id ?? rule?.id ?? `${tool}/unknown`;
      const location = toLocation(result.locations?.[0], artifacts);
      const message = renderMessage(result.message, rule) || (rule?.shortDescription?.text ?? ruleId);
      const flows = (result.codeFlows ?? []).flatMap((codeFlow) =>
        codeFlow.threadFlows.map((threadFlow) =>
          threadFlow.locations.flatMap((step): FlowStep[] => {
            const stepLocation = toLocation(step.location, artifacts);
            return stepLocation ? [{ location: stepLocation, message: renderMessage(step.location?.message, undefined) || "step" }] : [];
          }),
        ),
      );
      const given = Object.values(result.partialFingerprints ?? {})[0] ?? Object.values(result.fingerprints ?? {})[0];
      findings.push({
        ruleId,
        category: "external",
        severity: severityOf(result.level ?? rule?.defaultConfiguration?.level, rule),
        message,
        ...(location ? { location } : {}),
        fingerprint: fingerprint(tool, ruleId, given ?? `${location?.path ?? ""}:${String(location?.startLine ?? 0)}:${message}`),
        ...(flows.some((flow) => flow.length > 0) ? { flows: flows.filter((flow) => flow.length > 0) } : {}),
        tool,
      });
    }
  }
  return findings;
}

function findRule(rules: SarifRule[], id: string | undefined, index: number | undefined): SarifRule | undefined {
  if (index !== undefined && rules[index]) {
    return rules[index];
  }
  return id === undefined ? undefined : rules.find((rule) => rule.id === id);
}

/** SARIF messages may be templates (`id` + `arguments`) resolved through the rule's messageStrings. */
function renderMessage(message: SarifMessage | undefined, rule: SarifRule | undefined): string {
  if (!message) {
    return "";
  }
  const template = message.text ?? (message.id ? rule?.messageStrings?.[message.id]?.text : undefined) ?? message.markdown ?? "";
  const args = message.arguments ?? [];
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole);
}

function toLocation(location: SarifLocation | undefined, artifacts: { location?: { uri?: string } }[]): Location | undefined {
  const physical = location?.physicalLocation;
  const artifact = physical?.artifactLocation;
  const uri = artifact?.uri ?? (artifact?.index !== undefined ? artifacts[artifact.index]?.location?.uri : undefined);
  if (uri === undefined) {
    return undefined;
  }
  const region = physical?.region;
  return {
    path: uriToPath(uri),
    ...(region?.startLine !== undefined ? { startLine: region.startLine } : {}),
    ...(region?.startColumn !== undefined ? { startColumn: region.startColumn } : {}),
    ...(region?.endLine !== undefined ? { endLine: region.endLine } : {}),
    ...(region?.endColumn !== undefined ? { endColumn: region.endColumn } : {}),
  };
}

/** Relative URI references become repository paths; `file:` URIs keep only their path. */
function uriToPath(uri: string): string {
  const withoutScheme = uri.startsWith("file://") ? uri.slice("file://".length) : uri;
  try {
    return decodeURIComponent(withoutScheme).replace(/^\.\//, "");
  } catch {
    return withoutScheme;
  }
}

/** GitHub's `security-severity` (0–10) decides when present, as in code scanning; else the level. */
function severityOf(level: string | undefined, rule: SarifRule | undefined): Severity {
  const raw = rule?.properties?.["security-severity"];
  const score = typeof raw === "string" ? Number(raw) : typeof raw === "number" ? raw : Number.NaN;
  if (!Number.isNaN(score)) {
    if (score >= 9) {
      return "critical";
    }
    if (score >= 7) {
      return "high";
    }
    if (score >= 4) {
      return "medium";
    }
    return score > 0 ? "low" : "info";
  }
  return LEVEL_SEVERITY[level ?? "none"] ?? "info";
}

const LEVEL_SEVERITY: Record<string, Severity> = { error: "high", warning: "medium", note: "low", none: "info" };
