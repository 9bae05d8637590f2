/**
 * Whether a change carries the approval a rule names (`approval: { labels, approvers }`): a
 * PR label, or a standing approving review on the head by a listed login who is independent of the change
 * (the delegator approving their own agent's dependency bump is no approval). When the
 * evidence is not there to see — no pull request, or reviews not loaded — the answer is
 * `unknown`, never a silent pass or a false failure.
 */
import { independentQuorum } from "./approvals.js";
import { loginsOf } from "./identity.js";
import { noPullRequest, noReviews } from "../evaluate/missing-data.js";
import type { MissingData, RuleContext } from "../evaluate/rule-context.js";

export interface Approval {
  labels: string[];
  approvers: string[];
}

export type ApprovalStatus = { state: "granted"; by: string } | { state: "missing" } | { state: "unknown"; missing: MissingData };

export function describeApproval(approval: Approval): string {
  const ways = [
    ...approval.labels.map((label) => `label "${label}"`),
    ...(approval.approvers.length > 0 ? [`an approving review by ${approval.approvers.join(" or ")}`] : []),
  ];
  return ways.length === 0 ? "no approval is accepted" : ways.join(" or ");
}

export function approvalStatus(context: RuleContext, approval: Approval): ApprovalStatus {
  if (approval.labels.length === 0 && approval.approvers.length === 0) {
    return { state: "missing" };
  }
  const pullRequest = context.change.pullRequest;
  if (pullRequest === undefined) {
    return { state: "unknown", missing: noPullRequest(`the approval (${describeApproval(approval)}) cannot be seen`) };
  }
  const label = approval.labels.find((candidate) => pullRequest.labels.includes(candidate));
  if (label !== undefined) {
    return { state: "granted", by: `label "${label}"` };
  }
  if (approval.approvers.length === 0) {
    return { state: "missing" };
  }
  if (pullRequest.reviews === undefined) {
    return { state: "unknown", missing: noReviews(`an approving review by ${approval.approvers.join(" or ")} cannot be seen`) };
  }
  const wanted = approval.approvers.map((login) => login.toLowerCase());
  // Only an independent approval on the head counts, as for the quorum.
  const approver = independentQuorum(context).counted.find((identity) => loginsOf(identity).some((login) => wanted.includes(login)));
  return approver === undefined ? { state: "missing" } : { state: "granted", by: `review by ${approver.login ?? "an approver"}` };
}
