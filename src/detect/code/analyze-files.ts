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
import type { CompiledModels } from "./models/compile-models.js";
import { compileModels, withModelSinks } from "./models/compile-models.js";
import { PACKAGE_MODELS } from "./models/index.js";
import type { PackageModels } from "./models/taint-model.js";
import { TAINT_RULES } from "./rules/index.js";
import { buildScopeMap } from "./scope-map.js";
import type { EngineFile as BaseEngineFile, TaintHit } from "./taint-engine.js";
import { BudgetExceeded, TaintEngine } from "./taint-engine.js";
import type { TaintRule } from "./taint-rule.js";

type EngineFile = BaseEngineFile & { specifiers: string[] };

/** Enough flows to show every distinct source of a sink; more only lengthens the report. */
const MAX_FLOWS_PER_SINK = 10;

let builtinModels: CompiledModels | undefined;

/** The built-in models (compiled once per process) plus the policy's rows. */
function modelsFor(options: CodeOptions): CompiledModels {
  if (options.models.length === 0) {
    builtinModels ??= compileModels(PACKAGE_MODELS);
    return builtinModels;
  }
  const policyModels: PackageModels[] = options.models.map((row) => ({
    package: row.package,
    doc: "policy",
    models: [row],
    samples: { invalid: [], valid: [] },
  }));
  return compileModels([...PACKAGE_MODELS, ...policyModels]);
}

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

/**
 * One finding per sink: every source that reaches it is one flow of the finding (as CodeQL
 * reports a path query), so a reviewer fixes one line once, and the fingerprint names the sink.
 */
function hitsToFinding(hits: readonly TaintHit[], rule: TaintRule): Finding {
  const first = hits[0] as TaintHit;
  const sinkLocation = first.sink.location;
  const sources = [...new Set(hits.map((hit) => hit.source.label))];
  const others = sources.length - 1;
  const more = others === 0 ? "" : ` and ${String(others)} other source${others === 1 ? "" : "s"}`;
  return {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity: rule.meta.severity,
    message: `User input from ${first.source.label}${more} reaches ${first.sinkLabel} (${rule.title}).`,
    location: sinkLocation,
    fingerprint: fingerprint(rule.meta.id, sinkLocation.path, sinkLocation.startLine, sinkLocation.startColumn),
    flows: hits.map((hit) => [hit.source.step, ...hit.steps, hit.sink]),
    properties: {
      vulnerabilityClass: rule.vulnClass,
      source: first.source.label,
      ...(others === 0 ? {} : { sources }),
      sourceLocation: first.source.step.location,
      sink: first.sinkLabel,
      cwe: (rule.meta.tags ?? []).filter((tag) => tag.startsWith("external/cwe/")),
    },
  };
}

function sinkKey(hit: TaintHit): string {
  const location = hit.sink.location;
  return [hit.rule.meta.id, location.path, location.startLine, location.startColumn].join("\0");
}

function flowKey(hit: TaintHit): string {
  return [hit.source.label, hit.source.step.location.startLine, hit.source.step.location.startColumn, hit.steps.length].join("\0");
}

export function analyzeFiles(files: readonly SourceFile[], options: CodeOptions = codeOptionsSchema.parse({})): Finding[] {
  const findings: Finding[] = [];
  const engineFiles: EngineFile[] = [];
  const models = modelsFor(options);
  const enabledRules = withModelSinks(
    TAINT_RULES.filter((rule) => options.rules[rule.meta.id]?.enabled !== false),
    models,
  );
  for (const file of files) {
    const bytes = Buffer.byteLength(file.text);
    if (bytes > options.max_file_bytes) {
      findings.push(
        infoFinding(
          FILE_TOO_LARGE_RULE,
          file.path,
          `${file.path} was not analysed for taint flows: ${String(bytes)} bytes exceeds max_file_bytes (${String(options.max_file_bytes)}).`,
        ),
      );
      continue;
    }
    const parsed = parseModule(file.path, file.text);
    if (!parsed.ok) {
      const where = parsed.line === undefined ? file.path : `${file.path}:${String(parsed.line)}`;
      findings.push(
        infoFinding(
          PARSE_ERROR_RULE,
          file.path,
          `${where} was not analysed for taint flows: ${parsed.message}.`,
          parsed.line,
          parsed.column,
        ),
      );
      continue;
    }
    if (parsed.recovered !== undefined) {
      const { message, line, column } = parsed.recovered;
      const where = line === undefined ? file.path : `${file.path}:${String(line)}`;
      findings.push(
        infoFinding(
          PARSE_ERROR_RULE,
          file.path,
          `${where} has a syntax error (${message}); only what the parser recovered was analysed.`,
          line,
          column,
        ),
      );
    }
    try {
      const sourceType = parsed.program.sourceType === "module" ? "module" : "commonjs";
      engineFiles.push({
        path: file.path,
        text: file.text,
        program: parsed.program,
        lines: parsed.lines,
        scope: buildScopeMap(parsed.program, sourceType),
        specifiers: parsed.specifiers,
      });
    } catch (error) {
      // eslint-scope rejects some valid-but-unusual trees (e.g. duplicate declarations); treat as unparseable.
      const reason = error instanceof Error ? error.message : String(error);
      findings.push(
        infoFinding(PARSE_ERROR_RULE, file.path, `${file.path} was not analysed for taint flows: scope analysis failed (${reason}).`),
      );
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
          infoFinding(
            ANALYSIS_BUDGET_RULE,
            error.path,
            `Taint analysis of ${error.path} stopped after its time budget (${String(options.time_budget_ms)} ms); flows in it may be missed.`,
          ),
        );
      }
    }
    // Group by sink (in first-seen order); keep one flow per distinct source.
    const bySink = new Map<string, Map<string, TaintHit>>();
    for (const hit of engine.allHits()) {
      const key = sinkKey(hit);
      const flows = bySink.get(key) ?? new Map<string, TaintHit>();
      bySink.set(key, flows);
      const flow = flowKey(hit);
      if (!flows.has(flow) && flows.size < MAX_FLOWS_PER_SINK) {
        flows.set(flow, hit);
      }
    }
    for (const flows of bySink.values()) {
      const hits = [...flows.values()];
      findings.push(hitsToFinding(hits, (hits[0] as TaintHit).rule));
    }
  } finally {
    resolver.dispose();
  }
  return findings;
}
