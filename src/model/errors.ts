/**
 * Typed errors. Every error a user can cause is a `CustodyError` with a code from one closed
 * union and a message written for the user (one paragraph: what was wrong, where, what to do).
 * The CLI's single error boundary maps them to exit code 2; anything else is a bug and is
 * reported as one.
 */

export type ErrorCode =
  // usage and input
  | "USAGE"
  | "NOT_A_REPOSITORY"
  | "UNKNOWN_REF"
  | "SHALLOW_CLONE"
  | "GIT_FAILED"
  | "POLICY_NOT_FOUND"
  | "POLICY_INVALID"
  | "EVENT_INVALID"
  | "SARIF_INVALID"
  | "LOCKFILE_INVALID"
  | "ADVISORY_INVALID"
  | "REGISTRY_UNAVAILABLE"
  | "BASELINE_INVALID"
  | "CONFIG_INVALID"
  | "FILE_NOT_FOUND"
  // ledger
  | "LEDGER_TAMPERED"
  | "LEDGER_UNAVAILABLE"
  | "PROOF_INVALID"
  | "CHECKPOINT_INVALID"
  | "RETENTION_INVALID"
  // server and tokens
  | "SIGNATURE_INVALID"
  | "PAYLOAD_TOO_LARGE"
  | "PAYLOAD_INVALID"
  | "CONTENT_TYPE_UNSUPPORTED"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "TOKEN_INVALID"
  | "GITHUB_API";

/** Where in an input file the problem is. 1-based line and column. */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
  /** Dotted key path inside a structured file (`rules.path_scope.agents.0.allow`). */
  key?: string;
}

export class CustodyError extends Error {
  override readonly name = "CustodyError";
  readonly code: ErrorCode;
  readonly position?: SourcePosition;

  constructor(code: ErrorCode, message: string, options?: { position?: SourcePosition; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.position) {
      this.position = options.position;
    }
  }
}

export function isCustodyError(error: unknown, code?: ErrorCode): error is CustodyError {
  return error instanceof CustodyError && (code === undefined || error.code === code);
}

/** Renders `file:line:column` (omitting what is unknown) for messages. */
export function formatPosition(position: SourcePosition): string {
  let out = position.file;
  if (position.line !== undefined) {
    out += `:${String(position.line)}`;
    if (position.column !== undefined) {
      out += `:${String(position.column)}`;
    }
  }
  return out;
}
