/**
 * How the case projection tells agents from humans: a pull request from its webhook payload
 * (author, body, branch, labels — commits come later with the check), and a single identity
 * (a reviewer, a merger, an assigner). Injected so the projection stays a pure function of the
 * events and the agent registry; the default is built from the provenance registry.
 */
import type { ActorKind, Identity } from "../model/actor.js";
import type { PullRequest } from "../model/change.js";
import type { Attribution } from "../model/provenance.js";

export interface ActorClassifier {
  pullRequest(pr: PullRequest): Attribution;
  identity(identity: Identity): ActorKind;
}
