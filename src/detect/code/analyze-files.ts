/**
 * The pure core of the code detector: given file texts, parse each (skipping oversize and
 * minified files with an info finding), resolve scopes and imports, run the taint engine over
 * all of them and turn its hits into findings with a full flow (source → steps → sink).
 * One failing file never stops the others.
 */
import type { Finding } from "../../model/finding.js";
import { fingerprint } from "../../model/fingerprint.js";
import type { RuleMeta } from "../../model/rule-meta.js";
import { ANALYSIS_BUDGET_RULE, FILE_TOO_LARGE_RULE, PARSE_ERROR_RULE } from "./diagnostic-rules.js";
import type { CodeOptions } from "./options.js";
import { codeOptionsSchema } from "./options.js";
import { parseModule } from "./parse-module.js";
import { candidatePaths } from "./import-candidates.js";
import { createImportResolver } from "./resolve-imports.js";
import { compileModels, withModelSinks } from "./models/compile-models.js";
import { PACKAGE_MODELS } from "./models/index.js";
import type { PackageModels } from "./models/taint-model.js";
import { TAINT_RULES } from "./rules/index.js";
import { buildScopeMap } from "./scope-map.js";
import type { EngineFile as BaseEngineFile, TaintHit } from "./taint-engine.js";
import { BudgetExceeded, TaintEngine } from "./taint-engine.js";
import type { TaintRule } from "./taint-rule.js";

type EngineFile = BaseEngineFile & { specifiers: string[] };

export interface SourceFile {
  path: string;
  text: string;
}

function infoFinding(rule: RuleMeta, path: string, message: string, line?: number, column?: number): Finding {
  return {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    message,
    location: { path, ...(line === undefined ? {} : { startLine: line }), ...(column === undefined ? {} : { startColumn: column }) },
    fingerprint: fingerprint(rule.id, path),
  };
}

function hitToFinding(hit: TaintHit, rule: TaintRule): Finding {
  const sinkLocation = hit.sink.location;
  return {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity: rule.meta.severity,
    message: `User input from ${hit.source.label} reaches ${hit.sinkLabel} (${rule.title}).`,
    location: sinkLocation,
    fingerprint: fingerprint(rule.meta.id, sinkLocation.path, sinkLocation.startLine, sinkLocation.startColumn, hit.source.label),
    flows: [[hit.source.step, ...hit.steps, hit.sink]],
    properties: {
      vulnerabilityClass: rule.vulnClass,
      source: hit.source.label,
      sourceLocation: hit.source.step.location,
      sink: hit.sinkLabel,
    },
  };
}

export function analyzeFiles(files: readonly SourceFile[], options: CodeOptions = codeOptionsSchema.parse({})): Finding[] {
  const findings: Finding[] = [];
  const engineFiles: EngineFile[] = [];
  const policyModels: PackageModels[] = options.models.map((row) => ({ package: row.package, doc: "policy", models: [row], samples: { invalid: [], valid: [] } }));
  const models = compileModels([...PACKAGE_MODELS, ...policyModels]);
  const enabledRules = withModelSinks(
    TAINT_RULES.filter((rule) => options.rules[rule.meta.id]?.enabled !== false),
    models,
  );
  for (const file of files) {
    const bytes = Buffer.byteLength(file.text);
    if (bytes > options.max_file_bytes) {
      findings.push(
        infoFinding(FILE_TOO_LARGE_RULE, file.path, `${file.path} was not analysed for taint flows: ${String(bytes)} bytes exceeds max_file_bytes (${String(options.max_file_bytes)}).`),
      );
      continue;
    }
    const parsed = parseModule(file.path, file.text);
    if (!parsed.ok) {
      const where = parsed.line === undefined ? file.path : `${file.path}:${String(parsed.line)}`;
      findings.push(infoFinding(PARSE_ERROR_RULE, file.path, `${where} was not analysed for taint flows: ${parsed.message}.`, parsed.line, parsed.column));
      continue;
    }
    if (parsed.recovered !== undefined) {
      const { message, line, column } = parsed.recovered;
      const where = line === undefined ? file.path : `${file.path}:${String(line)}`;
      findings.push(infoFinding(PARSE_ERROR_RULE, file.path, `${where} has a syntax error (${message}); only what the parser recovered was analysed.`, line, column));
    }
    try {
      const sourceType = parsed.program.sourceType === "module" ? "module" : "commonjs";
      engineFiles.push({ path: file.path, text: file.text, program: parsed.program, lines: parsed.lines, scope: buildScopeMap(parsed.program, sourceType), specifiers: parsed.specifiers });
    } catch (error) {
      // eslint-scope rejects some valid-but-unusual trees (e.g. duplicate declarations); treat as unparseable.
      const reason = error instanceof Error ? error.message : String(error);
      findings.push(infoFinding(PARSE_ERROR_RULE, file.path, `${file.path} was not analysed for taint flows: scope analysis failed (${reason}).`));
    }
  }
  // Only files some import could name are mirrored for the resolver (mirroring all was the
  // largest cost on big batches).
  const known = new Set(engineFiles.map((file) => file.path));
  const targets = new Set<string>();
  for (const file of engineFiles) {
    for (const specifier of file.specifiers) {
      for (const candidate of candidatePaths(file.path, specifier)) {
        if (known.has(candidate)) {
          targets.add(candidate);
        }
      }
    }
  }
  const resolver = createImportResolver([...targets]);
  try {
    const engine = new TaintEngine(engineFiles, enabledRules, (from, specifier) => resolver.resolve(from, specifier), {
      argv: options.sources.argv,
      env: options.sources.env,
      extraSanitizers: options.sanitizers,
      timeBudgetMs: options.time_budget_ms,
      models,
    });
    for (const file of engineFiles) {
      try {
        engine.analyse(file.path);
      } catch (error) {
        if (!(error instanceof BudgetExceeded)) {
          throw error;
        }
        findings.push(
          infoFinding(ANALYSIS_BUDGET_RULE, error.path, `Taint analysis of ${error.path} stopped after its time budget (${String(options.time_budget_ms)} ms); flows in it may be missed.`),
        );
      }
    }
    const seen = new Set<string>();
    for (const hit of engine.allHits()) {
      const finding = hitToFinding(hit, hit.rule);
      if (!seen.has(finding.fingerprint)) {
        seen.add(finding.fingerprint);
        findings.push(finding);
      }
    }
  } finally {
    resolver.dispose();
  }
  return findings;
}
