/**
 * The details page of an evaluation, like policy-bot's: for one pull request head, whether
 * Custody judged it agent-authored and why, which rules ran, held or failed (with each
 * finding), which could not run and why, the approvals counted on that head and those that did
 * not count, and where the policy came from. Plain HTML built from the recorded `check.result`,
 * every value escaped; no script.
 */
import type { CaseRow } from "../cases/case-store.js";
import type { CheckResultPayload } from "../cases/payload-schemas.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE =
  "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1f2328}h1{font-size:1.4em}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}.pass{color:#1a7f37}.fail{color:#cf222e}.note{color:#59636e}";

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderDetailsPage(row: CaseRow, headSha: string): string {
  const title = `Custody · ${row.repo}#${String(row.number)}`;
  const heading = `<h1>${escapeHtml(row.repo)}#${String(row.number)}: ${escapeHtml(row.title)}</h1>`;
  if (row.last_evaluation === null) {
    return page(title, `${heading}<p>Custody has not evaluated this pull request yet.</p>`);
  }
  const r = JSON.parse(row.last_evaluation) as CheckResultPayload;
  const parts: string[] = [heading];
  if (r.headSha !== headSha) {
    parts.push(
      `<p class="note">This link is for head <code>${escapeHtml(headSha.slice(0, 12))}</code>; the latest evaluation judged <code>${escapeHtml(r.headSha.slice(0, 12))}</code>, shown below.</p>`,
    );
  }
  const verdictClass = r.conclusion === "success" ? "pass" : "fail";
  parts.push(
    `<p>Head <code>${escapeHtml(r.headSha.slice(0, 12))}</code> · <strong class="${verdictClass}">${escapeHtml(r.status === "completed" ? (r.conclusion ?? "completed") : r.status)}</strong>${r.reason === undefined ? "" : ` · evaluated after ${escapeHtml(r.reason)}`}</p>`,
  );
  if (r.error !== undefined) {
    parts.push(`<p class="fail">${escapeHtml(r.error)}</p>`);
  }
  parts.push(
    `<p>Policy: ${escapeHtml(r.policySource === undefined || r.policySource === "defaults" ? "the embedded defaults" : r.policySource)}${r.failOn === undefined ? "" : ` · fails on ${escapeHtml(r.failOn)} and above`}</p>`,
  );
  if (r.agentAuthored === false) {
    parts.push("<h2>Not agent-authored</h2><p>The agent policy does not apply. Evidence:</p>", list(r.evidence ?? []));
    return page(title, parts.join(""));
  }
  parts.push(
    `<h2>Authorship</h2><p>Agent-authored${r.agent === undefined ? "" : ` by <strong>${escapeHtml(r.agent)}</strong>`}${r.authorizedBy === undefined ? "" : `; delegated by ${escapeHtml(r.authorizedBy)}`}.</p>`,
  );
  if (r.rules !== undefined) {
    const failed = new Set(r.rules.failed);
    const rows = r.rules.ran.map((rule) => {
      const findings = r.findings.filter((f) => f.ruleId === rule || f.ruleId.startsWith(`${rule}/`));
      const held = !failed.has(rule) && !r.rules?.failed.some((f) => f.startsWith(`${rule}/`));
      const why =
        findings.length === 0
          ? "no findings"
          : list(
              findings.map(
                (f) =>
                  `${f.severity}: ${f.message ?? f.ruleId}${f.path === undefined ? "" : ` (${f.path}${f.line === undefined ? "" : `:${String(f.line)}`})`}`,
              ),
            );
      return `<tr><td><code>${escapeHtml(rule)}</code></td><td class="${held ? "pass" : "fail"}">${held ? "held" : "failed"}</td><td>${why}</td></tr>`;
    });
    parts.push(`<h2>Rules</h2><table><tr><th>rule</th><th>result</th><th>why</th></tr>${rows.join("")}</table>`);
    if (r.rules.skipped.length > 0) {
      parts.push("<h2>Rules that did not run</h2>", list(r.rules.skipped.map((s) => `${s.rule}: ${s.reason}`)));
    }
  }
  if (r.approvals !== undefined) {
    const a = r.approvals;
    parts.push(
      `<h2>Approvals on this head</h2><p class="${a.counted.length >= a.required ? "pass" : "fail"}">${String(a.counted.length)} of ${String(a.required)} required independent human approval(s).</p>`,
      a.counted.length > 0 ? `<p>Counted:</p>${list(a.counted)}` : "",
      a.discounted.length > 0 ? `<p>Not counted:</p>${list(a.discounted.map((d) => `${d.reviewer}: ${d.reason}`))}` : "",
    );
  }
  return page(title, parts.join(""));
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '<p class="note">none</p>' : `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
}
