/** Exit codes, the contract CI scripts rely on. */
export const EXIT_PASS = 0;
/** The check ran and the policy failed (or `verify` found tampering). */
export const EXIT_FAIL = 1;
/** Usage or input error: nothing was judged. */
export const EXIT_USAGE = 2;
/** A bug in Custody: report it. */
export const EXIT_INTERNAL = 3;
