// Library code must not print: a test fails when anything reaches console.* during it
// (the habit of console-fail-test). Tests that exercise the CLI capture its output instead.
import { afterEach, beforeEach, vi } from "vitest";

let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  if (calls.length > 0) {
    const printed = calls.join("\n");
    calls = [];
    throw new Error(`unexpected console output during the test:\n${printed}`);
  }
});
