/**
 * Who acted. Every commit, pull request, review and event resolves to an actor kind; only
 * `human` actors count toward an independent human quorum.
 */
export type ActorKind = "agent" | "human" | "maintenance-bot" | "ai-reviewer";

/** An identity as the outside world shows it. Any field may be missing. */
export interface Identity {
  name?: string;
  email?: string;
  /** GitHub login, e.g. `copilot-swe-agent[bot]`. */
  login?: string;
  /** GitHub numeric account id: stronger than a login, which can be renamed. */
  id?: number;
  /** GitHub account type: `User`, `Bot`, `Organization`. */
  type?: string;
}
