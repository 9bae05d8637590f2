/**
 * Retention: how long each kind of event keeps its payload, legal holds that suspend that, the
 * JSON Lines export every purge writes first, and the purge itself. A purge never removes a leaf:
 * the payload is dropped and the event marked purged, its leaf hash stays, so the tree and every
 * checkpoint remain verifiable. The purge is first recorded in the ledger (a `ledger.purge`
 * event listing the seq ranges and the export's SHA-256), so `verify` can tell a purge from a
 * deletion. A retention shorter than the declared review cycle is refused: evidence must outlive
 * the reviews that may need it.
 */
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { CustodyError } from "../../model/errors.js";
import type { RetentionSection } from "./retention-schema.js";
import { retentionSchema } from "./retention-schema.js";
import type { LedgerEvent } from "../../model/ledger-event.js";
import type { Hold, ScanFilter, StoredEvent } from "../stores/ledger-store.js";
import type { CustodyLedger } from "../open-ledger.js";
import { toLedgerEvent } from "../open-ledger.js";
import { PURGE_EVENT_KIND } from "../verify/verify-ledger.js";

/**
 * The retention schema (./retention-schema.ts), which the policy file carries as its `retention`
 * section: days per event kind and the review cycle no retention may undercut. The policy file is
 * the one place retention is set.
 */
export type RetentionPolicy = RetentionSection;

const DAY_MS = 86_400_000;

/**
 * Checks a retention section given as a value (programmatic callers; the policy loader has
 * already done this for a policy file, with line and column) by the same schema as the policy.
 */
export function parseRetentionPolicy(value: unknown, where = "retention policy"): RetentionPolicy {
  const parsed = retentionSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.map(String).join(".") ?? "";
    throw new CustodyError(
      "RETENTION_INVALID",
      `The ${where} is invalid at \`${key}\`: ${issue?.message ?? "bad value"}. Retention is given in whole days per event kind.`,
      { position: { file: where, key } },
    );
  }
  return parsed.data;
}

/** Days for a kind: the exact entry, else the longest matching `prefix.*`, else `default`; undefined = kept forever. */
export function retentionDaysFor(policy: RetentionPolicy, kind: string): number | undefined {
  const exact = policy.days[kind];
  if (exact !== undefined) {
    return exact;
  }
  let best: { prefix: string; days: number } | undefined;
  for (const [pattern, days] of Object.entries(policy.days)) {
    if (pattern.endsWith(".*")) {
      const prefix = pattern.slice(0, -1);
      if (kind.startsWith(prefix) && (best === undefined || prefix.length > best.prefix.length)) {
        best = { prefix, days };
      }
    }
  }
  return best?.days ?? policy.days.default;
}

/** The pull request numbers an event belongs to, from the shapes GitHub payloads use. */
function pullRequestNumbers(payload: unknown): number[] {
  if (typeof payload !== "object" || payload === null) {
    return [];
  }
  const p = payload as Record<string, unknown>;
  const out = new Set<number>();
  const num = (v: unknown): void => {
    if (typeof v === "number" && Number.isSafeInteger(v)) {
      out.add(v);
    }
  };
  const pr = p.pull_request as Record<string, unknown> | undefined;
  if (typeof pr === "object") {
    num(pr.number);
    num(p.number);
  }
  const issue = p.issue as Record<string, unknown> | undefined;
  if (typeof issue === "object" && typeof issue.pull_request === "object") {
    num(issue.number);
  }
  for (const key of ["check_run", "check_suite", "workflow_run"]) {
    const holder = p[key] as { pull_requests?: unknown } | undefined;
    if (typeof holder === "object" && Array.isArray(holder.pull_requests)) {
      for (const item of holder.pull_requests as { number?: unknown }[]) {
        num(item.number);
      }
    }
  }
  return [...out];
}

function isHeld(event: StoredEvent, holds: readonly Hold[]): boolean {
  return holds.some((h) => {
    if (event.repository !== h.repository) {
      return false;
    }
    if (h.pullRequest === undefined) {
      return true;
    }
    return event.payloadJson !== null && pullRequestNumbers(JSON.parse(event.payloadJson)).includes(h.pullRequest);
  });
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export async function addHold(ledger: CustodyLedger, hold: { repository: string; pullRequest?: number; reason: string }): Promise<Hold> {
  if (!REPOSITORY.test(hold.repository)) {
    throw new CustodyError("USAGE", `A legal hold needs a repository as owner/name; got ${JSON.stringify(hold.repository)}.`);
  }
  if (hold.pullRequest !== undefined && (!Number.isSafeInteger(hold.pullRequest) || hold.pullRequest < 1)) {
    throw new CustodyError("USAGE", `A case hold needs a positive pull request number; got ${String(hold.pullRequest)}.`);
  }
  if (hold.reason.trim().length === 0) {
    throw new CustodyError("USAGE", "A legal hold needs a reason (who asked for it and why).");
  }
  return ledger.store.addHold({ ...hold, createdAt: ledger.now().toISOString() });
}

/** Writes lines durably: the export must be on disk before any payload is dropped. */
class JsonlWriter {
  private readonly fd: number;
  private readonly sha = createHash("sha256");
  count = 0;

  constructor(path: string) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, "wx", 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CustodyError(
        "USAGE",
        `Cannot write the export file ${path}${code === "EEXIST" ? ": it already exists (an export is never overwritten)" : ` (${code ?? "error"})`}.`,
        { cause: error },
      );
    }
  }

  write(event: LedgerEvent): void {
    const line = `${JSON.stringify(event)}\n`;
    this.sha.update(line);
    writeSync(this.fd, line);
    this.count += 1;
  }

  finish(): string {
    fsyncSync(this.fd);
    closeSync(this.fd);
    return this.sha.digest("hex");
  }
}

/** Exports events (all, or a filter) to a new JSON Lines file; one LedgerEvent per line. */
export async function exportJsonl(
  ledger: CustodyLedger,
  path: string,
  filter: ScanFilter = {},
): Promise<{ count: number; sha256: string }> {
  const writer = new JsonlWriter(path);
  for await (const event of ledger.scan(filter)) {
    writer.write(event);
  }
  return { count: writer.count, sha256: writer.finish() };
}

export interface PurgeReport {
  /** Events whose payload was removed. */
  purged: number;
  /** Events past retention kept because of a legal hold. */
  held: number;
  exportPath: string;
  exportSha256: string;
  ranges: [number, number][];
  /** Seq of the ledger.purge event recording it (absent when nothing was due). */
  recordSeq?: number;
  dryRun: boolean;
}

function toRanges(seqs: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const seq of seqs) {
    const last = ranges.at(-1);
    if (last !== undefined && last[1] === seq) {
      last[1] = seq + 1;
    } else {
      ranges.push([seq, seq + 1]);
    }
  }
  return ranges;
}

/**
 * Purges payloads past retention: selects due events (not held, not purge records), exports them
 * to `exportPath` (JSON Lines, fsynced), records the purge in the ledger, then drops the payloads.
 */
export async function purge(
  ledger: CustodyLedger,
  policyValue: RetentionPolicy,
  options: { exportPath: string; dryRun?: boolean },
): Promise<PurgeReport> {
  const policy = parseRetentionPolicy(policyValue);
  const now = ledger.now().getTime();
  const shortest = Math.min(...Object.values(policy.days));
  const holds = await ledger.store.holds();
  const due: { event: StoredEvent }[] = [];
  let held = 0;
  if (Number.isFinite(shortest)) {
    const before = new Date(now - shortest * DAY_MS).toISOString();
    for (let after = -1; ;) {
      const page = await ledger.store.purgeCandidates(before, after, 5000);
      for (const event of page) {
        const days = retentionDaysFor(policy, event.kind);
        if (event.kind === PURGE_EVENT_KIND || days === undefined || Date.parse(event.receivedAt) >= now - days * DAY_MS) {
          continue;
        }
        if (isHeld(event, holds)) {
          held += 1;
          continue;
        }
        due.push({ event });
      }
      const last = page.at(-1);
      if (last === undefined || page.length < 5000) {
        break;
      }
      after = last.seq;
    }
  }
  const seqs = due.map((d) => d.event.seq);
  const ranges = toRanges(seqs);
  const report: PurgeReport = {
    purged: 0,
    held,
    exportPath: options.exportPath,
    exportSha256: "",
    ranges,
    dryRun: options.dryRun === true,
  };
  if (options.dryRun === true) {
    report.purged = seqs.length;
    return report;
  }
  const writer = new JsonlWriter(options.exportPath);
  for (const seq of seqs) {
    const found = await ledger.store.get(seq);
    if (found !== undefined) {
      writer.write(toLedgerEvent(found.event, found.leafHash));
    }
  }
  report.exportSha256 = writer.finish();
  if (seqs.length === 0) {
    return report;
  }
  // Record first, then drop: a crash in between leaves intact events, never silent removals.
  const [record] = await ledger.append([
    {
      kind: PURGE_EVENT_KIND,
      source: "cli",
      payload: { ranges, count: seqs.length, exportSha256: report.exportSha256, policy: policy.days, purgedAt: ledger.now().toISOString() },
    },
  ]);
  await ledger.store.markPurged(seqs, ledger.now().toISOString());
  report.purged = seqs.length;
  if (record !== undefined) {
    report.recordSeq = record.event.seq;
  }
  return report;
}
