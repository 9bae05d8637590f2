/** Custody's version, reported by `--version` and in every machine-readable report. */
export const VERSION = "0.1.0";
export const INFORMATION_URI = "https://github.com/custody-dev/custody";
